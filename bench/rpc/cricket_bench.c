/*
 * cricket_bench.c: the C side of the RPC benchmark. A client of rpc/cricket/cricket.x built from
 * Debian's rpcgen stubs (-N -M -C) and libtirpc; it measures null-call latency, GET_DEVICE_COUNT
 * latency and MEMCPY_HTOD / MEMCPY_DTOH bandwidth against a Cricket server at HOST:PORT (TCP,
 * no rpcbind) and prints one JSON line per measurement on stdout.
 *
 *   cricket-bench-c HOST PORT CALLS MAXBYTES
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <rpc/rpc.h>
#include "cricket.h"

#define WARMUP_CALLS 10
#define MIB (1024ull * 1024ull)

static CLIENT *client;

static void rpc_fail(const char *what)
{
	clnt_perror(client, what);
	exit(1);
}

static void fail(const char *fmt, const char *what, long long value)
{
	fprintf(stderr, "cricket-bench-c: ");
	fprintf(stderr, fmt, what, value);
	fputc('\n', stderr);
	exit(1);
}

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static unsigned long long parse_number(const char *text, const char *name)
{
	char *end;
	errno = 0;
	unsigned long long value = strtoull(text, &end, 10);
	if (errno != 0 || end == text || *end != '\0' || text[0] == '-') {
		fprintf(stderr, "cricket-bench-c: %s '%s' is not a non-negative integer\n", name, text);
		exit(2);
	}
	return value;
}

static void null_call(void)
{
	/* The stubs' own timeout is ignored once CLSET_TIMEOUT is set; this one is too. */
	struct timeval unused = { 60, 0 };
	if (clnt_call(client, NULLPROC, (xdrproc_t)xdr_void, NULL, (xdrproc_t)xdr_void, NULL, unused) != RPC_SUCCESS)
		rpc_fail("null call");
}

static void device_count(void)
{
	int_result count;
	memset(&count, 0, sizeof count);
	if (get_device_count_1(&count, client) != RPC_SUCCESS) rpc_fail("get_device_count");
	if (count.err != 0) fail("%s returned error %lld", "get_device_count", count.err);
}

static void htod(dev_ptr pointer, char *data, unsigned long long size)
{
	byte_data payload = { .byte_data_len = (u_int)size, .byte_data_val = data };
	int status = -1;
	if (memcpy_htod_1(pointer, payload, size, &status, client) != RPC_SUCCESS) rpc_fail("memcpy_htod");
	if (status != 0) fail("%s returned error %lld", "memcpy_htod", status);
}

/* Copies SIZE bytes back; compares them with EXPECT unless it is NULL. The decoded buffer is
   freed every call so that memory stays flat over thousands of calls. */
static void dtoh(dev_ptr pointer, unsigned long long size, const char *expect)
{
	data_result back;
	memset(&back, 0, sizeof back);
	if (memcpy_dtoh_1(pointer, size, &back, client) != RPC_SUCCESS) rpc_fail("memcpy_dtoh");
	if (back.err != 0) fail("%s returned error %lld", "memcpy_dtoh", back.err);
	if (back.data_result_u.data.byte_data_len != size)
		fail("%s returned %lld bytes", "memcpy_dtoh", back.data_result_u.data.byte_data_len);
	if (expect != NULL) {
		const char *got = back.data_result_u.data.byte_data_val;
		for (unsigned long long i = 0; i < size; i++)
			if (got[i] != expect[i]) fail("%s: data differs at byte %lld", "memcpy_dtoh", (long long)i);
	}
	clnt_freeres(client, (xdrproc_t)xdr_data_result, (char *)&back);
}

static void latency(const char *name, void (*call)(void), unsigned long long calls)
{
	for (int i = 0; i < WARMUP_CALLS; i++) call();
	double start = now();
	for (unsigned long long i = 0; i < calls; i++) call();
	double seconds = now() - start;
	printf("{\"bench\":\"%s\",\"calls\":%llu,\"seconds\":%.6f,\"us_per_call\":%.3f}\n",
		name, calls, seconds, calls ? seconds * 1e6 / (double)calls : 0.0);
	fflush(stdout);
}

static void bandwidth(const char *name, unsigned long long bytes, unsigned long long reps, double seconds)
{
	printf("{\"bench\":\"%s\",\"bytes\":%llu,\"reps\":%llu,\"seconds\":%.6f,\"megabytes_per_s\":%.3f}\n",
		name, bytes, reps, seconds, (double)bytes * (double)reps / 1e6 / seconds);
	fflush(stdout);
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: cricket-bench-c HOST PORT CALLS MAXBYTES\n");
		return 2;
	}
	struct sockaddr_in address = { .sin_family = AF_INET };
	if (inet_pton(AF_INET, argv[1], &address.sin_addr) != 1) {
		fprintf(stderr, "cricket-bench-c: HOST '%s' is not an IPv4 address\n", argv[1]);
		return 2;
	}
	unsigned long long port = parse_number(argv[2], "PORT");
	if (port == 0 || port > 65535) {
		fprintf(stderr, "cricket-bench-c: PORT %llu is out of range\n", port);
		return 2;
	}
	address.sin_port = htons((uint16_t)port);
	unsigned long long calls = parse_number(argv[3], "CALLS");
	unsigned long long max_bytes = parse_number(argv[4], "MAXBYTES");
	/* byte_data's length is a 32-bit XDR count. */
	if (max_bytes > 0xffffffffull) {
		fprintf(stderr, "cricket-bench-c: MAXBYTES %llu exceeds 4 GiB\n", max_bytes);
		return 2;
	}

	/* Our own connected socket for clnt_vc_create: clnttcp_create would read /etc/netconfig
	   (and bind a reserved port as root), which the Linux guest's initramfs does not have. */
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
		fprintf(stderr, "cricket-bench-c: connect to %s:%llu: %s\n", argv[1], port, strerror(errno));
		return 1;
	}
	/* libtirpc does this too: a call is one small record each way, so Nagle would only delay it. */
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	struct netbuf server = { .maxlen = sizeof address, .len = sizeof address, .buf = &address };
	client = clnt_vc_create(fd, &server, CRICKET_PROG, CRICKET_VERS, 0, 0);
	if (client == NULL) {
		clnt_pcreateerror("clnt_vc_create");
		return 1;
	}
	clnt_control(client, CLSET_FD_CLOSE, NULL);
	/* 64 MiB copies take seconds on a slow link; rpcgen's default is 25 s. */
	struct timeval timeout = { 60, 0 };
	if (!clnt_control(client, CLSET_TIMEOUT, (char *)&timeout)) {
		fprintf(stderr, "cricket-bench-c: clnt_control(CLSET_TIMEOUT) failed\n");
		return 1;
	}

	latency("null", null_call, calls);
	latency("device-count", device_count, calls);

	static const unsigned long long sizes[] = {
		1024, 4096, 16384, 65536, 262144, 1 * MIB, 4 * MIB, 16 * MIB, 64 * MIB,
	};
	if (max_bytes >= sizes[0]) {
		ptr_result allocation;
		memset(&allocation, 0, sizeof allocation);
		if (malloc_1(max_bytes, &allocation, client) != RPC_SUCCESS) rpc_fail("malloc");
		if (allocation.err != 0) fail("%s returned error %lld", "malloc", allocation.err);
		dev_ptr pointer = allocation.ptr_result_u.pointer;

		char *data = malloc(max_bytes);
		if (data == NULL) fail("%s of %lld bytes failed", "malloc", (long long)max_bytes);
		for (size_t s = 0; s < sizeof sizes / sizeof sizes[0] && sizes[s] <= max_bytes; s++) {
			unsigned long long size = sizes[s];
			unsigned long long reps = 32 * MIB / size;
			if (reps > 100) reps = 100;
			if (reps < 2) reps = 2;
			for (unsigned long long i = 0; i < size; i++) data[i] = (char)((i * 7 + size) & 0xff);

			/* Untimed round trip: warms the path and proves the bytes survive both ways. */
			htod(pointer, data, size);
			dtoh(pointer, size, data);

			double start = now();
			for (unsigned long long r = 0; r < reps; r++) htod(pointer, data, size);
			bandwidth("copy-htod", size, reps, now() - start);

			start = now();
			for (unsigned long long r = 0; r < reps; r++) dtoh(pointer, size, NULL);
			bandwidth("copy-dtoh", size, reps, now() - start);
		}
		free(data);

		int freed = -1;
		if (free_1(pointer, &freed, client) != RPC_SUCCESS) rpc_fail("free");
		if (freed != 0) fail("%s returned error %lld", "free", freed);
	}

	clnt_destroy(client);
	return 0;
}

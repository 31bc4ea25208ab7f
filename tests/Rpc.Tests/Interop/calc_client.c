/*
 * The C client of the interop tests: drives a calc.x server (C or C#) through the stubs that
 * Debian's rpcgen generates (-N -M -l) and libtirpc, printing one line per check. The tests
 * compare its output with the expected text, so every server must answer the same.
 * Usage: calc_client PORT tcp|udp
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rpc/rpc.h>
#include "calc.h"

static struct sockaddr_in server;
static const char *protocol;

static CLIENT *connect_to(u_long program, u_long version)
{
	int fd = RPC_ANYSOCK;
	struct timeval wait = { 0, 200000 };
	CLIENT *client = strcmp(protocol, "tcp") == 0
		? clnttcp_create(&server, program, version, &fd, 0, 0)
		: clntudp_create(&server, program, version, wait, &fd);
	if (!client) {
		clnt_pcreateerror("calc_client");
		exit(1);
	}
	struct timeval timeout = { 10, 0 };
	clnt_control(client, CLSET_TIMEOUT, (char *)&timeout);
	return client;
}

static const char *status(enum clnt_stat stat)
{
	switch (stat) {
	case RPC_SUCCESS: return "success";
	case RPC_PROGUNAVAIL: return "program unavailable";
	case RPC_PROGVERSMISMATCH: return "program version mismatch";
	case RPC_PROCUNAVAIL: return "procedure unavailable";
	case RPC_CANTDECODEARGS: return "garbage arguments";
	case RPC_SYSTEMERROR: return "system error";
	case RPC_AUTHERROR: return "auth error";
	case RPC_VERSMISMATCH: return "rpc version mismatch";
	default: return clnt_sperrno(stat);
	}
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: calc_client PORT tcp|udp\n");
		return 2;
	}
	protocol = argv[2];
	server.sin_family = AF_INET;
	server.sin_port = htons(atoi(argv[1]));
	server.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CLIENT *client = connect_to(CALC_PROG, CALC_VERS);

	int sum = 0;
	enum clnt_stat stat = add_1(40, 2, &sum, client);
	printf("add: %s %d\n", status(stat), sum);

	name_t name = NULL;
	stat = echo_name_1("héllo wörld", &name, client);
	printf("echo_name: %s %s\n", status(stat), name);

	int_result quotient = { 0 };
	stat = divide_1(7, 2, &quotient, client);
	printf("divide 7/2: %s err=%d value=%d\n", status(stat), quotient.err, quotient.int_result_u.value);
	stat = divide_1(1, 0, &quotient, client);
	printf("divide 1/0: %s err=%d\n", status(stat), quotient.err);

	shape circle = { .kind = CIRCLE, .shape_u.radius = 2.0 }, square = { .kind = SQUARE, .shape_u.side = 5 };
	shape named = { .kind = NAMED, .shape_u.name = "blob" };
	double area = 0;
	stat = area_1(circle, &area, client);
	printf("area circle: %s %.1f\n", status(stat), area);
	stat = area_1(square, &area, client);
	printf("area square: %s %.1f\n", status(stat), area);
	stat = area_1(named, &area, client);
	printf("area named: %s %.1f\n", status(stat), area);

	/* Large enough to need many TCP record fragments (libtirpc sends about 4 KB per fragment). */
	u_int size = strcmp(protocol, "tcp") == 0 ? 300000 : 6000;
	blob_data blob = { size, malloc(size) }, echoed = { 0, NULL };
	for (u_int i = 0; i < size; i++)
		blob.blob_data_val[i] = (char)(i * 7 + 3);
	stat = echo_blob_1(blob, &echoed, client);
	printf("echo_blob %u: %s %s\n", size, status(stat),
	       echoed.blob_data_len == size && memcmp(echoed.blob_data_val, blob.blob_data_val, size) == 0 ? "same" : "different");
	u_quad_t checksum = 0;
	stat = checksum_1(blob, 1000000000000ULL, &checksum, client);
	printf("checksum: %s %llu\n", status(stat), (unsigned long long)checksum);

	item second = { .name = "second", .outline = { .kind = SQUARE, .shape_u.side = 3 }, .flag = 0, .ratio = 0.25f };
	int values[] = { 1, -2, 3 };
	item first = { .name = "first", .values = { 3, values }, .blob = { 3, "xyz" }, .corners = { { -1, 2 }, { 1LL << 40, -(1LL << 40) } },
		       .outline = { .kind = NAMED, .shape_u.name = "ring" }, .flag = 1, .ratio = 1.5f, .next = &second };
	memcpy(first.digest, "0123456789abcdef", 16);
	item result;
	memset(&result, 0, sizeof result);
	stat = echo_item_1(first, &result, client);
	printf("echo_item: %s name=%s values=%d,%d,%d digest=%.16s blob=%.*s corner=%lld,%lld outline=%s flag=%d ratio=%.2f next=%s/%u/%d next.next=%s\n",
	       status(stat), result.name, result.values.values_val[0], result.values.values_val[1], result.values.values_val[2],
	       result.digest, (int)result.blob.blob_len, result.blob.blob_val, (long long)result.corners[1].x, (long long)result.corners[1].y,
	       result.outline.shape_u.name, result.flag, result.ratio,
	       result.next ? result.next->name : "(null)", result.next ? result.next->outline.shape_u.side : 0, result.next ? result.next->flag : -1,
	       result.next && result.next->next ? "set" : "(null)");

	printf("nothing: %s\n", status(nothing_1(NULL, client)));

	struct timeval timeout = { 10, 0 };
	printf("procedure 99: %s\n", status(clnt_call(client, 99, (xdrproc_t)xdr_void, NULL, (xdrproc_t)xdr_void, NULL, timeout)));
	int one = 1;
	/* Only over TCP: libtirpc's own UDP server decodes past the end of a short datagram. */
	if (strcmp(protocol, "tcp") == 0)
		printf("add with one int: %s\n", status(clnt_call(client, ADD, (xdrproc_t)xdr_int, (char *)&one, (xdrproc_t)xdr_int, (char *)&sum, timeout)));

	auth_destroy(client->cl_auth);
	client->cl_auth = authunix_create("calc-client", 4321, 100, 0, NULL);
	stat = add_1(2, 3, &sum, client);
	printf("add with auth_sys: %s %d\n", status(stat), sum);
	clnt_destroy(client);

	CLIENT *other_version = connect_to(CALC_PROG, 2);
	struct rpc_err error;
	stat = clnt_call(other_version, 0, (xdrproc_t)xdr_void, NULL, (xdrproc_t)xdr_void, NULL, timeout);
	clnt_geterr(other_version, &error);
	printf("version 2: %s %lu..%lu\n", status(stat), (unsigned long)error.re_vers.low, (unsigned long)error.re_vers.high);
	clnt_destroy(other_version);

	CLIENT *other_program = connect_to(0x20000999, 1);
	printf("program 0x20000999: %s\n", status(clnt_call(other_program, 0, (xdrproc_t)xdr_void, NULL, (xdrproc_t)xdr_void, NULL, timeout)));
	clnt_destroy(other_program);
	return 0;
}

/*
 * cricket_client.c: a C client of cricket.x (stubs from Debian's rpcgen -N -M, libtirpc). It drives a
 * Cricket server at 127.0.0.1:PORT (no rpcbind) through the calls a minimal CUDA client makes and
 * prints one line per result; the tests compare the lines.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <rpc/rpc.h>
#include "cricket.h"

static void fail(CLIENT *client, const char *what)
{
	clnt_perror(client, what);
	exit(1);
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fprintf(stderr, "usage: cricket_client PORT\n");
		return 2;
	}
	struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(atoi(argv[1])) };
	inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
	int socket = RPC_ANYSOCK;
	CLIENT *client = clnttcp_create(&address, CRICKET_PROG, CRICKET_VERS, &socket, 0, 0);
	if (client == NULL) {
		clnt_pcreateerror("clnttcp_create");
		return 1;
	}

	int answer = 0;
	if (print_message_1("hello from C", &answer, client) != RPC_SUCCESS) fail(client, "print_message");
	printf("ping %d\n", answer);

	int_result count = { 0 };
	if (get_device_count_1(&count, client) != RPC_SUCCESS) fail(client, "get_device_count");
	printf("devices err=%d count=%d\n", count.err, count.int_result_u.value);

	ptr_result allocation = { 0 };
	if (malloc_1(4096, &allocation, client) != RPC_SUCCESS) fail(client, "malloc");
	printf("malloc err=%d nonnull=%d\n", allocation.err, allocation.ptr_result_u.pointer != 0);
	dev_ptr pointer = allocation.ptr_result_u.pointer;

	char data[4096];
	for (int i = 0; i < (int)sizeof data; i++) data[i] = (char)(i * 7);
	byte_data payload = { .byte_data_len = sizeof data, .byte_data_val = data };
	int copied = -1;
	if (memcpy_htod_1(pointer, payload, sizeof data, &copied, client) != RPC_SUCCESS) fail(client, "memcpy_htod");
	printf("htod %d\n", copied);

	data_result back;
	memset(&back, 0, sizeof back);
	if (memcpy_dtoh_1(pointer, sizeof data, &back, client) != RPC_SUCCESS) fail(client, "memcpy_dtoh");
	int same = back.err == 0 && back.data_result_u.data.byte_data_len == sizeof data
		&& memcmp(back.data_result_u.data.byte_data_val, data, sizeof data) == 0;
	printf("dtoh err=%d same=%d\n", back.err, same);
	xdr_free((xdrproc_t)xdr_data_result, (char *)&back);

	int mismatch = -1;
	if (memcpy_htod_1(pointer, payload, 8, &mismatch, client) != RPC_SUCCESS) fail(client, "memcpy_htod");
	printf("htod size mismatch %d\n", mismatch);

	int freed = -1;
	if (free_1(pointer, &freed, client) != RPC_SUCCESS) fail(client, "free");
	printf("free %d\n", freed);
	if (free_1(pointer, &freed, client) != RPC_SUCCESS) fail(client, "free");
	printf("free again %d\n", freed);

	text_result name;
	memset(&name, 0, sizeof name);
	if (get_error_name_1(1, &name, client) != RPC_SUCCESS) fail(client, "get_error_name");
	printf("error 1 %s\n", name.text_result_u.text);
	xdr_free((xdrproc_t)xdr_text_result, (char *)&name);

	clnt_destroy(client);
	return 0;
}

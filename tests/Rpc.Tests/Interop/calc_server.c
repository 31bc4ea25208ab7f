/*
 * The C side of the interop tests: calc.x's procedures on top of the dispatcher that Debian's
 * rpcgen generates (-N -M -m), served with libtirpc on loopback TCP and UDP. It prints
 * "tcp PORT udp PORT" once it is ready, then serves until killed.
 */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <rpc/rpc.h>
#include "calc.h"

extern void calc_prog_1(struct svc_req *rqstp, SVCXPRT *transp);

bool_t add_1_svc(int a, int b, int *result, struct svc_req *req)
{
	*result = a + b;
	return TRUE;
}

bool_t echo_name_1_svc(name_t name, name_t *result, struct svc_req *req)
{
	*result = strdup(name);
	return TRUE;
}

bool_t echo_blob_1_svc(blob_data blob, blob_data *result, struct svc_req *req)
{
	result->blob_data_len = blob.blob_data_len;
	result->blob_data_val = malloc(blob.blob_data_len + 1);
	memcpy(result->blob_data_val, blob.blob_data_val, blob.blob_data_len);
	return TRUE;
}

/* Copies the list, inverting each flag and adding one to each value: proof that it was decoded. */
static item *copy_item(const item *in)
{
	item *out = calloc(1, sizeof *out);
	*out = *in;
	out->name = strdup(in->name);
	out->values.values_val = malloc(in->values.values_len * sizeof(int) + 1);
	for (u_int i = 0; i < in->values.values_len; i++)
		out->values.values_val[i] = in->values.values_val[i] + 1;
	out->blob.blob_val = malloc(in->blob.blob_len + 1);
	memcpy(out->blob.blob_val, in->blob.blob_val, in->blob.blob_len);
	if (in->outline.kind == NAMED)
		out->outline.shape_u.name = strdup(in->outline.shape_u.name);
	out->flag = !in->flag;
	out->next = in->next ? copy_item(in->next) : NULL;
	return out;
}

bool_t echo_item_1_svc(item in, item *result, struct svc_req *req)
{
	item *copy = copy_item(&in);
	*result = *copy;
	free(copy);
	return TRUE;
}

bool_t divide_1_svc(int a, int b, int_result *result, struct svc_req *req)
{
	result->err = b == 0 ? 1 : 0;
	if (b != 0)
		result->int_result_u.value = a / b;
	return TRUE;
}

bool_t area_1_svc(shape s, double *result, struct svc_req *req)
{
	switch (s.kind) {
	case CIRCLE: *result = 3.0 * s.shape_u.radius * s.shape_u.radius; break;
	case SQUARE: *result = (double)s.shape_u.side * s.shape_u.side; break;
	default: *result = -1; break;
	}
	return TRUE;
}

bool_t checksum_1_svc(blob_data blob, u_quad_t seed, u_quad_t *result, struct svc_req *req)
{
	u_quad_t sum = seed;
	for (u_int i = 0; i < blob.blob_data_len; i++)
		sum += (u_quad_t)(unsigned char)blob.blob_data_val[i] * (i + 1);
	*result = sum;
	return TRUE;
}

bool_t nothing_1_svc(void *result, struct svc_req *req)
{
	return TRUE;
}

int calc_prog_1_freeresult(SVCXPRT *transp, xdrproc_t xdr_result, caddr_t result)
{
	xdr_free(xdr_result, result);
	return 1;
}

static int loopback_socket(int type)
{
	int fd = socket(AF_INET, type, 0);
	struct sockaddr_in addr = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	if (fd < 0 || bind(fd, (struct sockaddr *)&addr, sizeof addr) < 0) {
		perror("calc_server: socket");
		exit(1);
	}
	if (type == SOCK_STREAM && listen(fd, 16) < 0) {
		perror("calc_server: listen");
		exit(1);
	}
	return fd;
}

static int port_of(int fd)
{
	struct sockaddr_in addr;
	socklen_t length = sizeof addr;
	getsockname(fd, (struct sockaddr *)&addr, &length);
	return ntohs(addr.sin_port);
}

int main(void)
{
	int tcp = loopback_socket(SOCK_STREAM), udp = loopback_socket(SOCK_DGRAM);
	SVCXPRT *tcp_transport = svctcp_create(tcp, 0, 0);
	SVCXPRT *udp_transport = svcudp_create(udp);
	/* Protocol 0: do not register with rpcbind; the tests pass the ports directly. */
	if (!tcp_transport || !udp_transport
	    || !svc_register(tcp_transport, CALC_PROG, CALC_VERS, calc_prog_1, 0)
	    || !svc_register(udp_transport, CALC_PROG, CALC_VERS, calc_prog_1, 0)) {
		fprintf(stderr, "calc_server: cannot create the transports\n");
		return 1;
	}
	printf("tcp %d udp %d\n", port_of(tcp), port_of(udp));
	fflush(stdout);
	svc_run();
	return 1;
}

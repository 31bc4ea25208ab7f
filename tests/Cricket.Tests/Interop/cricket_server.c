/*
 * cricket_server.c: a stub Cricket server in C (rpcgen -N -M skeleton from cricket.x, libtirpc).
 * It answers fixed values and keeps one 64 KiB "device" buffer at address 0x10000, so that copies
 * round-trip; the C# client's interop test knows these values. It prints "tcp PORT" and serves
 * until killed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <rpc/rpc.h>
#include "cricket.h"

#define DEVICE_BASE 0x10000ULL
#define DEVICE_SIZE 65536ULL

static char device[DEVICE_SIZE];

static int in_device(dev_ptr pointer, dev_size size)
{
	return pointer >= DEVICE_BASE && size <= DEVICE_SIZE && pointer - DEVICE_BASE <= DEVICE_SIZE - size;
}

bool_t deinit_1_svc(int *result, struct svc_req *request) { *result = 0; return 1; }
bool_t print_message_1_svc(char *message, int *result, struct svc_req *request) { *result = 42; return 1; }
bool_t register_function_1_svc(dev_ptr module, dev_ptr function, char *device_fun, char *device_name, int limit, ptr_result *result, struct svc_req *request)
{ result->err = 0; result->ptr_result_u.pointer = 0xf00; return 1; }
bool_t elf_load_1_svc(byte_data image, dev_ptr key, int *result, struct svc_req *request) { *result = 0; return 1; }
bool_t device_synchronize_1_svc(int *result, struct svc_req *request) { *result = 0; return 1; }
bool_t get_device_1_svc(int_result *result, struct svc_req *request) { result->err = 0; result->int_result_u.value = 0; return 1; }
bool_t get_device_count_1_svc(int_result *result, struct svc_req *request) { result->err = 0; result->int_result_u.value = 3; return 1; }
bool_t get_device_properties_1_svc(int device_number, device_prop_result *result, struct svc_req *request)
{
	memset(result, 0, sizeof *result);
	if (device_number != 0) { result->err = 101; return 1; }
	strcpy(result->device_prop_result_u.prop, "C stub device");
	unsigned long long memory = DEVICE_SIZE;
	memcpy(result->device_prop_result_u.prop + 288, &memory, 8);
	int major = 8, minor = 6;
	memcpy(result->device_prop_result_u.prop + 360, &major, 4);
	memcpy(result->device_prop_result_u.prop + 364, &minor, 4);
	return 1;
}
bool_t set_device_1_svc(int device_number, int *result, struct svc_req *request) { *result = device_number == 0 ? 0 : 101; return 1; }
bool_t get_error_name_1_svc(int error, text_result *result, struct svc_req *request)
{ result->err = 0; result->text_result_u.text = strdup(error == 1 ? "cudaErrorInvalidValue" : "cudaErrorUnknown"); return 1; }
bool_t get_error_string_1_svc(int error, text_result *result, struct svc_req *request)
{ result->err = 0; result->text_result_u.text = strdup("stub"); return 1; }
bool_t get_last_error_1_svc(int *result, struct svc_req *request) { *result = 0; return 1; }
bool_t launch_kernel_1_svc(dev_ptr f, dim3_t grid, dim3_t block, byte_data args, dev_size shared, dev_ptr stream, int *result, struct svc_req *request) { *result = 0; return 1; }
bool_t free_1_svc(dev_ptr pointer, int *result, struct svc_req *request) { *result = pointer == DEVICE_BASE || pointer == 0 ? 0 : 1; return 1; }
bool_t malloc_1_svc(dev_size size, ptr_result *result, struct svc_req *request)
{
	if (size > DEVICE_SIZE) { result->err = 2; return 1; }
	result->err = 0; result->ptr_result_u.pointer = DEVICE_BASE; return 1;
}
bool_t mem_get_info_1_svc(mem_info_result *result, struct svc_req *request)
{ result->err = 0; result->mem_info_result_u.info.free_bytes = 1000; result->mem_info_result_u.info.total_bytes = DEVICE_SIZE; return 1; }
bool_t memcpy_htod_1_svc(dev_ptr pointer, byte_data data, dev_size size, int *result, struct svc_req *request)
{
	if (size != data.byte_data_len) { *result = 999; return 1; }
	if (!in_device(pointer, size)) { *result = 1; return 1; }
	memcpy(device + (pointer - DEVICE_BASE), data.byte_data_val, size);
	*result = 0;
	return 1;
}
bool_t memcpy_dtoh_1_svc(dev_ptr pointer, dev_size size, data_result *result, struct svc_req *request)
{
	if (!in_device(pointer, size)) { result->err = 1; return 1; }
	result->err = 0;
	result->data_result_u.data.byte_data_len = size;
	result->data_result_u.data.byte_data_val = malloc(size);
	memcpy(result->data_result_u.data.byte_data_val, device + (pointer - DEVICE_BASE), size);
	return 1;
}
bool_t memcpy_dtod_1_svc(dev_ptr d, dev_ptr s, dev_size size, int *result, struct svc_req *request) { *result = 0; return 1; }
bool_t memset_1_svc(dev_ptr pointer, int value, dev_size size, int *result, struct svc_req *request)
{
	if (!in_device(pointer, size)) { *result = 1; return 1; }
	memset(device + (pointer - DEVICE_BASE), value, size);
	*result = 0;
	return 1;
}
bool_t cu_init_1_svc(int flags, int *result, struct svc_req *request) { *result = 0; return 1; }
bool_t cu_module_get_function_1_svc(dev_ptr module, char *name, ptr_result *result, struct svc_req *request)
{ result->err = 0; result->ptr_result_u.pointer = 0xf00; return 1; }
bool_t cu_launch_kernel_1_svc(dev_ptr f, u_int gx, u_int gy, u_int gz, u_int bx, u_int by, u_int bz, u_int shared, dev_ptr stream, byte_data args, int *result, struct svc_req *request)
{ *result = 0; return 1; }
bool_t cu_module_load_data_1_svc(byte_data image, ptr_result *result, struct svc_req *request)
{ result->err = 0; result->ptr_result_u.pointer = 0xe00; return 1; }

int cricket_prog_1_freeresult(SVCXPRT *transport, xdrproc_t xdr_result, caddr_t result)
{
	xdr_free(xdr_result, result);
	return 1;
}

extern void cricket_prog_1(struct svc_req *, SVCXPRT *);

int main(void)
{
	SVCXPRT *transport = svctcp_create(RPC_ANYSOCK, 0, 0);
	if (transport == NULL || !svc_register(transport, CRICKET_PROG, CRICKET_VERS, cricket_prog_1, 0)) {
		fprintf(stderr, "cricket_server: cannot serve\n");
		return 1;
	}
	printf("tcp %d\n", transport->xp_port);
	fflush(stdout);
	svc_run();
	return 1;
}

using System.Collections.Frozen;

namespace Minnow.Rpc.Cricket;

/// <summary>
/// Names and descriptions of the CUDA error numbers a Cricket server returns, so that errors can be
/// named without a round trip. Since CUDA 10 the runtime (cudaError_t) and the driver (CUresult)
/// use the same numbers for the errors here; only the names differ. Numbers not listed are named
/// by the server (<see cref="CricketClient.GetErrorNameAsync"/>).
/// </summary>
public static class CudaErrors
{
    public const int Success = 0;
    public const int InvalidValue = 1;
    public const int MemoryAllocation = 2;
    public const int InitializationError = 3;
    public const int InvalidConfiguration = 9;
    public const int InvalidDevicePointer = 17;
    public const int NoDevice = 100;
    public const int InvalidDevice = 101;
    public const int InvalidKernelImage = 200;
    public const int NoKernelImageForDevice = 209;
    public const int InvalidPtx = 218;
    public const int UnsupportedPtxVersion = 222;
    public const int InvalidResourceHandle = 400;
    public const int NotFound = 500;
    public const int IllegalAddress = 700;
    public const int LaunchOutOfResources = 701;
    public const int LaunchFailure = 719;
    public const int Unknown = 999;

    private static readonly FrozenDictionary<int, (string Runtime, string Driver, string Description)> s_errors = new Dictionary<int, (string, string, string)>
    {
        [Success] = ("cudaSuccess", "CUDA_SUCCESS", "no error"),
        [InvalidValue] = ("cudaErrorInvalidValue", "CUDA_ERROR_INVALID_VALUE", "invalid argument"),
        [MemoryAllocation] = ("cudaErrorMemoryAllocation", "CUDA_ERROR_OUT_OF_MEMORY", "out of memory"),
        [InitializationError] = ("cudaErrorInitializationError", "CUDA_ERROR_NOT_INITIALIZED", "initialization error"),
        [InvalidConfiguration] = ("cudaErrorInvalidConfiguration", "CUDA_ERROR_INVALID_VALUE", "invalid configuration argument"),
        [InvalidDevicePointer] = ("cudaErrorInvalidDevicePointer", "CUDA_ERROR_INVALID_VALUE", "invalid device pointer"),
        [NoDevice] = ("cudaErrorNoDevice", "CUDA_ERROR_NO_DEVICE", "no CUDA-capable device is detected"),
        [InvalidDevice] = ("cudaErrorInvalidDevice", "CUDA_ERROR_INVALID_DEVICE", "invalid device ordinal"),
        [InvalidKernelImage] = ("cudaErrorInvalidKernelImage", "CUDA_ERROR_INVALID_IMAGE", "device kernel image is invalid"),
        [NoKernelImageForDevice] = ("cudaErrorNoKernelImageForDevice", "CUDA_ERROR_NO_BINARY_FOR_GPU", "no kernel image is available for execution on the device"),
        [InvalidPtx] = ("cudaErrorInvalidPtx", "CUDA_ERROR_INVALID_PTX", "a PTX JIT compilation failed"),
        [UnsupportedPtxVersion] = ("cudaErrorUnsupportedPtxVersion", "CUDA_ERROR_UNSUPPORTED_PTX_VERSION", "the provided PTX was compiled with an unsupported toolchain."),
        [InvalidResourceHandle] = ("cudaErrorInvalidResourceHandle", "CUDA_ERROR_INVALID_HANDLE", "invalid resource handle"),
        [NotFound] = ("cudaErrorSymbolNotFound", "CUDA_ERROR_NOT_FOUND", "named symbol not found"),
        [IllegalAddress] = ("cudaErrorIllegalAddress", "CUDA_ERROR_ILLEGAL_ADDRESS", "an illegal memory access was encountered"),
        [LaunchOutOfResources] = ("cudaErrorLaunchOutOfResources", "CUDA_ERROR_LAUNCH_OUT_OF_RESOURCES", "too many resources requested for launch"),
        [LaunchFailure] = ("cudaErrorLaunchFailure", "CUDA_ERROR_LAUNCH_FAILED", "unspecified launch failure"),
        [Unknown] = ("cudaErrorUnknown", "CUDA_ERROR_UNKNOWN", "unknown error"),
    }.ToFrozenDictionary();

    /// <summary>The runtime API's name (cudaGetErrorName), or null for a number not listed here.</summary>
    public static string? RuntimeName(int error) => s_errors.TryGetValue(error, out var e) ? e.Runtime : null;

    /// <summary>The driver API's name (cuGetErrorName), or null for a number not listed here.</summary>
    public static string? DriverName(int error) => s_errors.TryGetValue(error, out var e) ? e.Driver : null;

    /// <summary>The runtime API's description (cudaGetErrorString), or null for a number not listed here.</summary>
    public static string? Description(int error) => s_errors.TryGetValue(error, out var e) ? e.Description : null;
}

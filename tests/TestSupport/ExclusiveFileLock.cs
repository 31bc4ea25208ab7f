using System.Diagnostics;

namespace Minnow.TestSupport;

/// <summary>
/// A lock shared by every process of a test run (test projects run side by side): an exclusively
/// opened file, which .NET backs with flock(2) on Linux, so the kernel releases it when a process dies.
/// </summary>
public sealed class ExclusiveFileLock : IDisposable
{
    private readonly FileStream _stream;

    private ExclusiveFileLock(FileStream stream) => _stream = stream;

    public static ExclusiveFileLock Acquire(string path, TimeSpan timeout)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new ExclusiveFileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (clock.Elapsed < timeout)
            {
                Thread.Sleep(250);
            }
            catch (IOException e)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:F0} s for the lock {path}: {e.Message}");
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}

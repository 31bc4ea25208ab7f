// Scenarios for tests/Images.Tests, in one image so a test run builds it once: the first argument
// picks what the program does. Plain C#: no unsafe code.
using Minnow.Tests.Scenarios;

string scenario = args.Length > 0 ? args[0] : "";
return scenario switch
{
    "return" => ReturnStatus(args),
    "exit" => ExitThroughEnvironment(args),
    "echo" => Echo(args),
    "env" => Env(args),
    "streams" => Streams(),
    "memory" => Memory(),
    "out-of-memory" => OutOfMemory(),
    "spin" => Spin(),
    "conformance" => Conformance.Run(args.Length > 1 ? args[1] : "all"),
    _ => Usage(scenario),
};

// return N: Main's return value becomes the exit status.
static int ReturnStatus(string[] args) => int.TryParse(args.Length > 1 ? args[1] : "", out int status) ? status : 2;

// exit N: Environment.Exit ends the program at once; nothing after it runs.
static int ExitThroughEnvironment(string[] args)
{
    int status = int.TryParse(args.Length > 1 ? args[1] : "", out int parsed) ? parsed : 2;
    Console.WriteLine($"exiting with {status}");
    Environment.Exit(status);
    Console.WriteLine("still running after Environment.Exit");
    return 3;
}

// echo ARGS...: every argument after the scenario, one per line, bracketed so spaces show.
static int Echo(string[] args)
{
    Console.WriteLine($"count={args.Length - 1}");
    for (int i = 1; i < args.Length; i++)
        Console.WriteLine($"[{args[i]}] length={args[i].Length}");
    return 0;
}

// env NAMES...: each name's environment variable, or (unset); then all of them, sorted; then
// one set by the program itself.
static int Env(string[] args)
{
    for (int i = 1; i < args.Length; i++)
        Console.WriteLine($"{args[i]}={Environment.GetEnvironmentVariable(args[i]) ?? "(unset)"}");
    var all = Environment.GetEnvironmentVariables();
    var names = new List<string>();
    foreach (string name in all.Keys)
        names.Add(name);
    names.Sort(StringComparer.Ordinal);
    Console.WriteLine($"all: {string.Join(' ', names)}");
    Environment.SetEnvironmentVariable("SET_BY_PROGRAM", "yes");
    Console.WriteLine($"SET_BY_PROGRAM={Environment.GetEnvironmentVariable("SET_BY_PROGRAM")}, GREETING={Environment.GetEnvironmentVariable("GREETING") ?? "(unset)"}");
    return 0;
}

// streams: standard output and standard error are separate streams on the host.
static int Streams()
{
    Console.WriteLine("to stdout 1");
    Console.Error.WriteLine("to stderr 1");
    Console.Out.Write("to stdout 2\n");
    Console.Error.Write("to stderr 2\n");
    return 0;
}

// memory: what the runtime says the machine has.
static int Memory()
{
    Console.WriteLine($"total-available-bytes={GC.GetGCMemoryInfo().TotalAvailableMemoryBytes}");
    return 0;
}

// out-of-memory: keeps 1 MiB arrays until the heap is full. The runtime must throw
// OutOfMemoryException (after a collection could not make room), not corrupt memory or panic; once
// the arrays are dropped the memory is reused, and the earlier arrays are intact.
static int OutOfMemory()
{
    var kept = new List<byte[]>();
    bool caught = false;
    try
    {
        while (true)
        {
            var block = new byte[1 << 20];
            block[0] = (byte)kept.Count;
            block[^1] = (byte)~kept.Count;
            kept.Add(block);
        }
    }
    catch (OutOfMemoryException)
    {
        caught = true; // nothing is allocated here: the heap is full
    }
    bool intact = true;
    for (int i = 0; i < kept.Count; i++)
        intact &= kept[i][0] == (byte)i && kept[i][^1] == (byte)~i;
    int count = kept.Count;
    kept.Clear();
    Console.WriteLine(caught ? $"caught OutOfMemoryException after {count} MiB" : "no OutOfMemoryException");
    Console.WriteLine($"kept arrays intact: {intact}");
    var again = new List<byte[]>();
    for (int i = 0; i < count / 2; i++)
        again.Add(new byte[1 << 20]);
    Console.WriteLine($"after release allocated {again.Count} MiB again");
    return intact ? 0 : 1;
}

// spin: never finishes, so only the harness's timeout ends it.
static int Spin()
{
    Console.WriteLine("spinning");
    ulong counter = 0;
    while (true)
        counter = unchecked(counter * 6364136223846793005UL + 1442695040888963407UL);
}

static int Usage(string scenario)
{
    Console.WriteLine($"unknown scenario '{scenario}': use return, exit, echo, env, streams, memory, out-of-memory, spin or conformance");
    return 2;
}

namespace Minnow.TestSupport;

/// <summary>
/// The C side of the interop tests: Debian's rpcgen compiles NAME.x into stubs, gcc links NAME_server
/// (NAME_server.c + the server skeleton) and NAME_client (NAME_client.c + the client stubs) against
/// libtirpc, all in <paramref name="directory"/>.
/// </summary>
public static class RpcgenBuild
{
    public static void Build(string directory, string name, string rpcgenFlags)
    {
        ToolRunner.Run("rpcgen", $"{rpcgenFlags} -h {name}.x -o {name}.h", directory);
        ToolRunner.Run("rpcgen", $"{rpcgenFlags} -c {name}.x -o {name}_xdr.c", directory);
        ToolRunner.Run("rpcgen", $"{rpcgenFlags} -l {name}.x -o {name}_clnt.c", directory);
        ToolRunner.Run("rpcgen", $"{rpcgenFlags} -m {name}.x -o {name}_svc.c", directory);
        ToolRunner.Run("gcc", $"-O1 -I/usr/include/tirpc -I. -o {name}_server {name}_server.c {name}_svc.c {name}_xdr.c -ltirpc", directory);
        ToolRunner.Run("gcc", $"-O1 -I/usr/include/tirpc -I. -o {name}_client {name}_client.c {name}_clnt.c {name}_xdr.c -ltirpc", directory);
    }
}

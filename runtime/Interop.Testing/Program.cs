using Interop.Runtime.Processes;
using Interop.Testing;

// The worker host that test processes start through TestWorkers (dotnet exec with the test assembly's
// runtimeconfig and deps.json, so the test assembly and its native libraries resolve as in the test host).
if (!ProcessWorker.IsWorkerInvocation(args))
{
    Console.Error.WriteLine("Interop.Testing is a library for tests; this entry point only hosts pool workers.");
    return 2;
}

var tasks = new TaskRegistry(CrashIsolation.RunBody);
var at = Array.IndexOf(args, TestWorkers.TasksArgument);
if (at >= 0)
{
    var holder = System.Reflection.Assembly.Load(args[at + 1]).GetType(args[at + 2], throwOnError: true)!;
    tasks = TestWorkers.FindRegistry(holder);
}

return ProcessWorker.Run(tasks);

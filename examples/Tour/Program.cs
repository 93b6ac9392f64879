using System.Diagnostics;
using Interop.Runtime.Processes;
using Tour;
using Tour.Chapters;

// <snippet:worker-guard>
// The pool's workers are this same program started again: serve tasks, nothing else.
if (ProcessWorker.IsWorkerInvocation(args))
{
    return ProcessWorker.Run(PoolTasks.Registry);
}
// </snippet>

var narrator = Narrator.ForThisTerminal();
var clock = Stopwatch.StartNew();
narrator.Title("Interop: a tour of the lesson's five ideas, run for real");

BindAndCall.Run(narrator);
MockForOneScope.Run(narrator);
CleanUpInOrder.Run(narrator);
await StreamALog.RunAsync(narrator);
await MapOverThePool.RunAsync(narrator);

narrator.Done($"The tour took {clock.Elapsed.TotalSeconds:F1} s. Next: docs/getting-started.md binds a header of your own.");
return 0;

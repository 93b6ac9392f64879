using Moq;
using Tour.Native;

namespace Tour.Chapters;

/// <summary>
/// Idea 2 (the lesson's point 66, <c>unittest.mock.patch</c>): the generated interface <c>ICore</c> and the ambient
/// accessor <c>Core.Current</c> let a test replace the C library for one scope, in its own async flow only.
/// </summary>
internal static class MockForOneScope
{
    /// <summary>Application code: it calls the C library through <c>Core.Current</c>, so a test can swap it.</summary>
    // <snippet:app-code>
    static int Total(params int[] prices) => prices.Aggregate(0, (total, price) => Core.Current.my_add(total, price));
    // </snippet>

    public static void Run(Narrator narrator)
    {
        narrator.Chapter("Mock the C core for one scope", "with unittest.mock.patch(...):");
        narrator.Say($"Total(5, 7, 30) adds with the C function through Core.Current: {Total(5, 7, 30)}.");

        // <snippet:mock>
        var fake = new Mock<ICore>();
        fake.Setup(c => c.my_add(It.IsAny<int>(), It.IsAny<int>())).Returns((int x, int y) => x + y + 1000);

        int patched, elsewhere, parallelTest;
        using (Core.Use(fake.Object))                              // like unittest.mock.patch, as a context manager
        {
            patched = Total(5, 7, 30);                             // every my_add goes to the fake
            elsewhere = Task.Run(() => Total(1, 2)).Result;        // so does work started inside the scope
            parallelTest = RunInAnotherFlow(() => Total(1, 2));    // another test's flow still calls C
        }

        fake.Verify(c => c.my_add(It.IsAny<int>(), It.IsAny<int>()), Times.Exactly(5));
        // </snippet>

        narrator.Result($"Inside Core.Use(fake): Total(5, 7, 30) = {patched}; each of the 3 calls went to the fake, which added 1000");
        narrator.Result($"Work started inside the scope sees the fake too: Task.Run(() => Total(1, 2)) = {elsewhere}");
        narrator.Result($"A parallel test in its own async flow still calls C: Total(1, 2) = {parallelTest}");
        narrator.Result($"After the scope, Total(5, 7, 30) = {Total(5, 7, 30)} again, and Moq verified the fake saw exactly 5 calls");
    }

    // A flow that did not inherit this one's override, the way xunit runs another test class alongside.
    private static int RunInAnotherFlow(Func<int> work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(work).GetAwaiter().GetResult();
        }
    }
}

using Interop.Runtime.Streaming;

namespace Interop.Runtime.Tests.Streaming;

public sealed class ProgressMeterTests
{
    [Fact]
    public void Bytes_from_many_threads_add_up_and_complete_reports_the_total()
    {
        var reports = new List<StreamProgress>();
        var meter = new ProgressMeter(new SynchronousProgress(reports), totalBytes: 8_000, interval: TimeSpan.Zero);

        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 1000; i++)
            {
                meter.Advance(1);
            }
        });
        meter.Complete();

        Assert.Equal(8_000, meter.BytesDone);
        Assert.NotEmpty(reports);
        Assert.Equal(8_000, reports[^1].BytesDone);
        Assert.Equal(1.0, reports[^1].Fraction);
    }

    [Fact]
    public void A_long_interval_reports_only_on_completion()
    {
        var reports = new List<StreamProgress>();
        var meter = new ProgressMeter(new SynchronousProgress(reports), totalBytes: null, interval: TimeSpan.FromHours(1));

        meter.Advance(10);
        meter.Advance(10);
        meter.Complete();

        var only = Assert.Single(reports);
        Assert.Equal(20, only.BytesDone);
        Assert.Null(only.Fraction);
        Assert.Null(only.EstimatedRemaining);
    }

    [Fact]
    public void Rate_and_time_left_follow_from_bytes_and_elapsed_time()
    {
        var progress = new StreamProgress(BytesDone: 250, TotalBytes: 1000, Elapsed: TimeSpan.FromSeconds(5));

        Assert.Equal(50, progress.BytesPerSecond);
        Assert.Equal(0.25, progress.Fraction);
        Assert.Equal(TimeSpan.FromSeconds(15), progress.EstimatedRemaining);
    }

    private sealed class SynchronousProgress(List<StreamProgress> reports) : IProgress<StreamProgress>
    {
        public void Report(StreamProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}

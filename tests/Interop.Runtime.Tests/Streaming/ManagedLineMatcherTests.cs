using System.Text;
using Interop.Runtime.Streaming;

namespace Interop.Runtime.Tests.Streaming;

public sealed class ManagedLineMatcherTests
{
    // Every input length from empty to a few vector blocks, so candidates land in the 64-byte step, the 32-byte
    // step and the plain tail, and needles straddle the block edges; a small alphabet makes near-misses common.
    [Theory]
    [InlineData("ERROR", "ERO x\n")]
    [InlineData("EE", "E x\n")]
    [InlineData("abcabcabd", "abcd\n")]
    [InlineData("X", "Xy\n")]
    [InlineData("", "ab\n")]
    public void Agrees_with_a_line_by_line_reference_for_every_short_length(string needle, string alphabet)
    {
        var matcher = new ManagedLineMatcher(needle);
        var random = new Random(needle.Length * 7919 + alphabet.Length);
        for (var length = 0; length <= 300; length++)
        {
            for (var trial = 0; trial < 20; trial++)
            {
                var text = new byte[length];
                for (var i = 0; i < length; i++)
                {
                    text[i] = (byte)alphabet[random.Next(alphabet.Length)];
                }

                // Plant the needle at a random place now and then, so whole matches occur at every offset.
                if (length >= needle.Length && needle.Length > 0 && random.Next(2) == 0)
                {
                    Encoding.ASCII.GetBytes(needle).CopyTo(text, random.Next(length - needle.Length + 1));
                }

                Assert.True(Reference(text, needle) == matcher.CountMatchingLines(text), $"length {length}, text '{Encoding.ASCII.GetString(text).ReplaceLineEndings("\\n")}'");
            }
        }
    }

    // grep -c -F semantics, spelled out: split at '\n', a final empty piece after a trailing '\n' is not a line.
    private static long Reference(byte[] text, string needle)
    {
        if (text.Length == 0)
        {
            return 0;
        }

        var lines = Encoding.ASCII.GetString(text).Split('\n');
        var count = lines.LongLength - (text[^1] == (byte)'\n' ? 1 : 0);
        return lines.Take((int)count).LongCount(line => line.Contains(needle, StringComparison.Ordinal));
    }
}

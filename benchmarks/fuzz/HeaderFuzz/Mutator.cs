using System.Text;

namespace HeaderFuzz;

/// <summary>A corpus header split once into token spans (words, single punctuation, whitespace runs).</summary>
internal sealed class CorpusHeader
{
    public CorpusHeader(string path, string[] includeDirectories, string text)
    {
        Path = path;
        IncludeDirectories = includeDirectories;
        Text = text;
        var starts = new List<int>();
        var i = 0;
        while (i < text.Length)
        {
            starts.Add(i);
            var c = text[i];
            if (char.IsLetterOrDigit(c) || c == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
            }
            else if (char.IsWhiteSpace(c))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            }
            else
            {
                i++;
            }
        }

        TokenStarts = starts.ToArray();
    }

    public string Path { get; }
    public string[] IncludeDirectories { get; }
    public string Text { get; }
    public int[] TokenStarts { get; }
    public string Name => System.IO.Path.GetFileName(Path);

    public int TokenLength(int token) => (token + 1 < TokenStarts.Length ? TokenStarts[token + 1] : Text.Length) - TokenStarts[token];
}

/// <summary>
/// Deterministic mutations of a corpus header: mutant <c>n</c> of seed <c>s</c> is always the same text.
/// One to three stacked operations: drop, duplicate or swap tokens, move a token range, drop or repeat
/// lines, truncate, splice in random bytes or C-significant characters.
/// </summary>
internal static class Mutator
{
    public const int Operations = 9;

    private static readonly string[] Nasty =
    {
        "#", "##", "\\\n", "\\", "/*", "*/", "//", "\"", "'", "(", ")", "{", "}", "[", "]", ",", ";", "...",
        "#if 1\n", "#endif\n", "#else\n", "#define X(a,...) a ## __VA_ARGS__ #a\n", "#include \"", "#include <",
        "__attribute__((", "_Pragma(\"pack(1)\")", "defined(", "0x", "1e+", "L'", "u8\"", "\r", "\0", "\uFEFF", "\uD800",
    };

    public static string Mutate(CorpusHeader header, Random random, out string description)
    {
        var order = new List<int>(header.TokenStarts.Length);
        for (var i = 0; i < header.TokenStarts.Length; i++)
        {
            order.Add(i);
        }

        var inserts = new List<(int At, string Text)>();
        var truncateAt = -1;
        var steps = new List<string>();
        var count = random.Next(4) switch { 0 or 1 => 1, 2 => 2, _ => 3 };
        for (var step = 0; step < count && order.Count > 2; step++)
        {
            var op = random.Next(Operations);
            steps.Add(op switch
            {
                0 => "drop", 1 => "duplicate", 2 => "swap", 3 => "move", 4 => "lines", 5 => "truncate", 6 => "bytes", 7 => "nasty", _ => "repeat",
            });
            switch (op)
            {
                case 0: // drop tokens
                    for (var n = random.Next(1, 8); n > 0 && order.Count > 1; n--)
                    {
                        order.RemoveAt(random.Next(order.Count));
                    }

                    break;
                case 1: // duplicate tokens
                    for (var n = random.Next(1, 8); n > 0; n--)
                    {
                        var at = random.Next(order.Count);
                        order.Insert(at, order[at]);
                    }

                    break;
                case 2: // swap neighbours
                    for (var n = random.Next(1, 8); n > 0; n--)
                    {
                        var at = random.Next(order.Count - 1);
                        (order[at], order[at + 1]) = (order[at + 1], order[at]);
                    }

                    break;
                case 3: // move a range of tokens elsewhere
                {
                    var start = random.Next(order.Count);
                    var length = Math.Min(random.Next(1, 200), order.Count - start);
                    var range = order.GetRange(start, length);
                    order.RemoveRange(start, length);
                    order.InsertRange(random.Next(order.Count + 1), range);
                    break;
                }

                case 4: // drop or repeat whole lines (keeps directives intact but unbalanced)
                {
                    for (var n = random.Next(1, 6); n > 0; n--)
                    {
                        var at = random.Next(order.Count);
                        var end = at;
                        while (end < order.Count && !header.Text.AsSpan(header.TokenStarts[order[end]], header.TokenLength(order[end])).Contains('\n'))
                        {
                            end++;
                        }

                        var line = order.GetRange(at, Math.Min(end + 1, order.Count) - at);
                        if (random.Next(2) == 0)
                        {
                            order.RemoveRange(at, line.Count);
                        }
                        else
                        {
                            order.InsertRange(at, line);
                        }

                        if (order.Count < 2)
                        {
                            break;
                        }
                    }

                    break;
                }

                case 5: // truncate
                    truncateAt = random.Next(header.Text.Length);
                    break;
                case 6: // random bytes, sometimes any UTF-16 code unit
                    for (var n = random.Next(1, 12); n > 0; n--)
                    {
                        var c = random.Next(8) == 0 ? (char)random.Next(0, 0x10000) : (char)random.Next(0, 256);
                        inserts.Add((random.Next(order.Count), c.ToString()));
                    }

                    break;
                case 7: // characters that matter to C
                    for (var n = random.Next(1, 6); n > 0; n--)
                    {
                        inserts.Add((random.Next(order.Count), Nasty[random.Next(Nasty.Length)]));
                    }

                    break;
                default: // repeat one token many times (deep nesting, long runs)
                {
                    var at = random.Next(order.Count);
                    var times = random.Next(2, random.Next(3) == 0 ? 20_000 : 200);
                    order.InsertRange(at, Enumerable.Repeat(order[at], times));
                    break;
                }
            }
        }

        inserts.Sort((a, b) => a.At.CompareTo(b.At));
        var sb = new StringBuilder(header.Text.Length + 256);
        var next = 0;
        for (var i = 0; i < order.Count; i++)
        {
            while (next < inserts.Count && inserts[next].At == i)
            {
                sb.Append(inserts[next++].Text);
            }

            var token = order[i];
            sb.Append(header.Text, header.TokenStarts[token], header.TokenLength(token));
        }

        while (next < inserts.Count)
        {
            sb.Append(inserts[next++].Text);
        }

        description = string.Join("+", steps);
        if (truncateAt >= 0 && truncateAt < sb.Length)
        {
            sb.Length = truncateAt;
        }

        return sb.ToString();
    }
}

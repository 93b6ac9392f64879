using System.Text;
using Interop.Generator.Diagnostics;
using Interop.Generator.Model;

namespace Interop.Generator.Tests.Generator;

/// <summary>
/// Hostile input gets diagnostics, never an exception, a stack overflow or a hang. Everything runs on
/// a thread with a 1 MiB stack, smaller than the compiler's, so an unbounded recursion would crash here.
/// </summary>
public sealed class RobustnessTests
{
    private const int StackSize = 1024 * 1024;

    public static TheoryData<string, string> Pathological => new()
    {
        { "nested declarator parentheses", "int " + new string('(', 10_000) + "x" + new string(')', 10_000) + ";" },
        { "nested #if parentheses", "#if " + new string('(', 10_000) + "1" + new string(')', 10_000) + "\nint x;\n#endif\n" },
        { "nested unary operators", "enum { A = " + string.Concat(Enumerable.Repeat("-", 10_000)) + "1 };" },
        { "nested array declarators", "int x" + string.Concat(Enumerable.Repeat("[1]", 10_000)) + ";" },
        { "nested struct definitions", string.Concat(Enumerable.Repeat("struct s { ", 5_000)) + "int x;" + string.Concat(Enumerable.Repeat(" } m;", 5_000)) },
        { "self-referencing macros", "#define a b\n#define b a\n#define c c + c\nint f(int x) ;\nint a = c;\n" },
        { "exploding macros", ExplodingMacros() },
        { "unterminated everything", "struct s { int x;\n#if 1\n#define F(x, y\nF(1,\n/* never closed" },
        { "deep include recursion", "#include \"/src/test.h\"\nint f(void);\n" },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void PathologicalInput_EndsInDiagnostics_WithoutCrashingOrHanging(string name, string header)
    {
        var result = OnSmallStack(() => TestHeaders.Compile(header));

        Assert.DoesNotContain(result.Diagnostics, d => d.Id == DiagnosticKind.InternalError.Id);
        Assert.True(result.Diagnostics.Count > 0 || result.Model is not null, name);
    }

    [Fact]
    public void FiftyMegabyteHeader_IsBoundInBoundedTime()
    {
        var sb = new StringBuilder();
        for (var i = 0; sb.Length < 50 * 1024 * 1024; i++)
        {
            sb.Append("/** Function number ").Append(i).Append(". */\nint function_").Append(i).Append("(int a, const char* b, struct opaque_").Append(i % 100).Append("* c);\n");
        }

        var result = OnSmallStack(() => TestHeaders.Compile(sb.ToString()));

        Assert.DoesNotContain(result.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.True(result.Model!.Functions.Count > 400_000);
    }

    /// <summary>A few thousand mutants of real headers: dropped, duplicated and swapped tokens, truncation, random bytes.</summary>
    [Fact]
    public void MutatedHeaders_NeverCauseAnInternalError()
    {
        var corpus = new[] { File.ReadAllText(RepositoryPaths.CoreHeader), SampleHeader };
        var random = new Random(20261127);
        var failures = new List<string>();
        for (var i = 0; i < 3_000; i++)
        {
            var mutant = Mutate(corpus[i % corpus.Length], random);
            var result = OnSmallStack(() => TestHeaders.Compile(mutant));
            foreach (var internalError in result.Diagnostics.Where(d => d.Id == DiagnosticKind.InternalError.Id))
            {
                failures.Add($"mutant {i}: {internalError}\n{mutant}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(3)));
    }

    internal const string SampleHeader = """
        #ifndef SAMPLE_H
        #define SAMPLE_H
        #include <stdint.h>
        #define SAMPLE_FLAG(n) (1u << (n))
        #define SAMPLE_ALL (SAMPLE_FLAG(0) | SAMPLE_FLAG(3))
        typedef enum sample_kind { SAMPLE_A = 1, SAMPLE_B = SAMPLE_A << 2, SAMPLE_C } sample_kind;
        typedef struct sample { uint8_t tag; int64_t value; char name[8]; struct sample* next; } sample;
        typedef int (*sample_visit)(const sample* s, void* user);
        /** Walks the list. */
        int sample_walk(const sample* head, sample_visit visit, void* user);
        static inline int sample_twice(int x) { return x * 2; }
        #if defined(SAMPLE_ALL) && SAMPLE_ALL > 8
        uint32_t sample_flags(void);
        #endif
        #endif
        """;

    private static string Mutate(string text, Random random)
    {
        var tokens = Tokenize(text);
        switch (random.Next(5))
        {
            case 0: // drop tokens
                for (var n = random.Next(1, 6); n > 0 && tokens.Count > 1; n--)
                {
                    tokens.RemoveAt(random.Next(tokens.Count));
                }

                break;
            case 1: // duplicate tokens
                for (var n = random.Next(1, 6); n > 0; n--)
                {
                    var index = random.Next(tokens.Count);
                    tokens.Insert(index, tokens[index]);
                }

                break;
            case 2: // swap neighbours
                for (var n = random.Next(1, 6); n > 0 && tokens.Count > 2; n--)
                {
                    var index = random.Next(tokens.Count - 1);
                    (tokens[index], tokens[index + 1]) = (tokens[index + 1], tokens[index]);
                }

                break;
            case 3: // truncate
                return text.Substring(0, random.Next(text.Length));
            default: // random bytes spliced in
                var chars = text.ToCharArray().ToList();
                for (var n = random.Next(1, 10); n > 0; n--)
                {
                    chars.Insert(random.Next(chars.Count), (char)random.Next(0, 256));
                }

                return new string(chars.ToArray());
        }

        return string.Concat(tokens);
    }

    /// <summary>Splits into words, single punctuation and whitespace runs, so mutants keep line structure.</summary>
    private static List<string> Tokenize(string text)
    {
        var tokens = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            if (char.IsLetterOrDigit(text[i]) || text[i] == '_')
            {
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
            }
            else if (char.IsWhiteSpace(text[i]))
            {
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
            }
            else
            {
                i++;
            }

            tokens.Add(text.Substring(start, i - start));
        }

        return tokens;
    }

    private static string ExplodingMacros()
    {
        var sb = new StringBuilder("#define m0 x\n");
        for (var i = 1; i <= 40; i++)
        {
            sb.Append("#define m").Append(i).Append(" m").Append(i - 1).Append(" m").Append(i - 1).Append('\n');
        }

        return sb.Append("int v = m40;\n").ToString();
    }

    private static HeaderResult OnSmallStack(Func<HeaderResult> work)
    {
        HeaderResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, StackSize);
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromMinutes(2)), "the front-end did not finish");
        Assert.Null(failure);
        return result!;
    }
}

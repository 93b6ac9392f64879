using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;

namespace Interop.Testing;

/// <summary>
/// A test body named so another process can find it: assembly, metadata token of the method. Lambdas
/// qualify when they capture nothing (the compiler puts those on a cached singleton), as do static
/// methods and methods of a class with a parameterless constructor.
/// </summary>
internal sealed record IsolatedBody(string AssemblyName, int MethodToken)
{
    public static IsolatedBody From(Delegate body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var method = body.Method;
        if (body.Target is { } target &&
            target.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic).Length > 0)
        {
            throw new ArgumentException(
                "The body runs in another process and cannot take captured variables or 'this' with it: " +
                "use a static lambda (static () => ...) and constants, or a static method.", nameof(body));
        }

        return new IsolatedBody(method.Module.Assembly.GetName().Name!, method.MetadataToken);
    }

    public string Encode() => $"{AssemblyName}\n{MethodToken}";

    public static IsolatedBody Decode(string text)
    {
        var parts = text.Split('\n');
        return new IsolatedBody(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Runs the body in this process (the worker), rethrowing what it throws as is.</summary>
    public void Invoke()
    {
        var assembly = Assembly.Load(new AssemblyName(AssemblyName));
        var method = (MethodInfo)assembly.ManifestModule.ResolveMethod(MethodToken)!;
        object? target = null;
        if (!method.IsStatic)
        {
            var type = method.DeclaringType!;
            // Non-capturing lambdas live on the compiler's cached closure singleton "<>9".
            target = type.IsDefined(typeof(CompilerGeneratedAttribute)) && type.GetField("<>9", BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic) is { } singleton
                ? singleton.GetValue(null)
                : Activator.CreateInstance(type, nonPublic: true);
        }

        try
        {
            var returned = method.Invoke(target, null);
            if (returned is Task task)
            {
                task.GetAwaiter().GetResult();
            }
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(e.InnerException);
        }
    }
}

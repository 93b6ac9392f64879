using System.Runtime.CompilerServices;

namespace Interop.Generator.Syntax;

/// <summary>
/// Tells recursive code when the current thread's stack is nearly used up, whatever its size: the
/// fixed depth limits are sized for ordinary threads, but the compiler may run us on a smaller one,
/// and a StackOverflowException cannot be caught.
/// </summary>
internal static class StackGuard
{
    public static bool IsLow
    {
        get
        {
            try
            {
                RuntimeHelpers.EnsureSufficientExecutionStack();
                return false;
            }
            catch (InsufficientExecutionStackException)
            {
                return true;
            }
        }
    }
}

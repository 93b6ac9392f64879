using System.Linq.Expressions;
using System.Reflection;
using Interop.RealHeaders.Tests.Catalog;
using Interop.RealHeaders.Tests.Usage;
using Moq;
using NSubstitute;
using Xunit.Abstractions;

namespace Interop.RealHeaders.Tests.Mocking;

/// <summary>
/// Every member of every real library's generated facade can be set up, called and verified with Moq, and
/// received-checked with NSubstitute: no pointer types, nothing an expression tree or a proxy cannot hold.
/// The setups are built by reflection, one per member, and each is exercised.
/// </summary>
public sealed class FacadeMockTests(ITestOutputHelper output)
{
    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void EveryFacadeMember_CanBeSetUpCalledAndVerifiedWithMoq(string id)
    {
        var facade = Facade(id);
        var mock = (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(facade))!;
        var failures = new List<string>();
        var members = facade.GetMethods();
        foreach (var member in members)
        {
            try
            {
                var call = CallExpression(facade, member);
                SetUp(mock, facade, member, call);
                member.Invoke(mock.Object, DefaultArguments(member));
                Verify(mock, facade, member, call);
            }
            catch (Exception e)
            {
                failures.Add($"{member.Name}: {(e is TargetInvocationException { InnerException: { } inner } ? inner : e).Message}");
            }
        }

        output.WriteLine($"{id}: {members.Length - failures.Count} of {members.Length} facade members set up, called and verified with Moq");
        Assert.True(members.Length > 0, $"{id} has an empty facade");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(10)));
    }

    [Theory]
    [MemberData(nameof(HeaderCatalog.Ids), MemberType = typeof(HeaderCatalog))]
    public void EveryFacadeMember_CanBeReceivedCheckedWithNSubstitute(string id)
    {
        var facade = Facade(id);
        var substitute = Substitute.For([facade], []);
        foreach (var member in facade.GetMethods())
        {
            member.Invoke(substitute, DefaultArguments(member));
        }

        var received = substitute.ReceivedCalls().Select(c => c.GetMethodInfo()).ToHashSet();
        Assert.Equal(facade.GetMethods().Length, received.Count);
    }

    /// <summary>A function-like macro bound as a method is a facade member like any function: Moq sets it up and verifies it.</summary>
    [Theory]
    [InlineData("zlib", "deflateInit")]
    [InlineData("zlib", "deflateInit2")]
    [InlineData("zlib", "inflateInit")]
    [InlineData("curl", "CURL_VERSION_BITS")]
    public void A_macro_member_of_the_facade_is_set_up_and_verified_with_Moq(string id, string macro)
    {
        var facade = Facade(id);
        SetUpCallAndVerifyOnce(facade, facade.GetMethod(macro) ?? throw new Xunit.Sdk.XunitException($"the facade of {id} has no member {macro}"));
    }

    /// <summary>Macro members bound by a stated signature (MacroSignatures) are mocked like the others.</summary>
    [Theory]
    [InlineData("OF")]
    [InlineData("deflateInit")]
    public void A_stated_signature_macro_member_of_the_facade_is_set_up_and_verified_with_Moq(string macro)
    {
        var facade = ZlibSignatureUsageTests.Bindings.GetType("RealHeaders.Zlib.IZlib", throwOnError: true)!;
        var member = facade.GetMethod(macro) ?? throw new Xunit.Sdk.XunitException($"the stated-signature facade of zlib has no member {macro}");
        SetUpCallAndVerifyOnce(facade, member);
        Assert.Equal(macro == "OF" ? [typeof(ulong)] : [typeof(nint), typeof(long)], member.GetParameters().Select(p => p.ParameterType));
    }

    /// <summary>Sets <paramref name="member"/> up, checks Verify fails before the call, calls it once, verifies it.</summary>
    private static void SetUpCallAndVerifyOnce(Type facade, MethodInfo member)
    {
        var mock = (Mock)Activator.CreateInstance(typeof(Mock<>).MakeGenericType(facade))!;
        var call = CallExpression(facade, member);
        SetUp(mock, facade, member, call);

        var notYet = Assert.Throws<TargetInvocationException>(() => Verify(mock, facade, member, call));
        Assert.IsType<MockException>(notYet.InnerException);
        member.Invoke(mock.Object, DefaultArguments(member));
        Verify(mock, facade, member, call);
    }

    private static Type Facade(string id)
    {
        var header = BoundHeader.Get(id).Header;
        return UsageAssembly.Of(id).GetType($"{header.Namespace}.I{header.ClassName}", throwOnError: true)!;
    }

    /// <summary><c>x =&gt; x.f(It.IsAny&lt;A&gt;(), ref It.Ref&lt;B&gt;.IsAny, out holder.Value)</c> for any signature.</summary>
    private static LambdaExpression CallExpression(Type facade, MethodInfo member)
    {
        var x = Expression.Parameter(facade, "x");
        var arguments = member.GetParameters().Select(p =>
        {
            var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            if (p.IsOut)
            {
                var holder = Activator.CreateInstance(typeof(OutHolder<>).MakeGenericType(type))!;
                return (Expression)Expression.Field(Expression.Constant(holder), "Value");
            }

            if (p.ParameterType.IsByRef)
            {
                return Expression.Field(null, typeof(It.Ref<>).MakeGenericType(type).GetField(nameof(It.Ref<int>.IsAny))!);
            }

            return Expression.Call(typeof(It).GetMethod(nameof(It.IsAny))!.MakeGenericMethod(type));
        });
        var body = Expression.Call(x, member, arguments);
        var delegateType = member.ReturnType == typeof(void)
            ? typeof(Action<>).MakeGenericType(facade)
            : typeof(Func<,>).MakeGenericType(facade, member.ReturnType);
        return Expression.Lambda(delegateType, body, x);
    }

    private static void SetUp(Mock mock, Type facade, MethodInfo member, LambdaExpression call) =>
        MockMethod(mock, facade, member, nameof(Mock<object>.Setup), 1).Invoke(mock, [call]);

    private static void Verify(Mock mock, Type facade, MethodInfo member, LambdaExpression call) =>
        MockMethod(mock, facade, member, nameof(Mock<object>.Verify), 2).Invoke(mock, [call, Times.Once()]);

    /// <summary>Mock&lt;T&gt;.Setup/Verify taking Expression&lt;Action&lt;T&gt;&gt; for void members, the generic Expression&lt;Func&lt;T, TResult&gt;&gt; one otherwise.</summary>
    private static MethodInfo MockMethod(Mock mock, Type facade, MethodInfo member, string name, int parameterCount)
    {
        var isVoid = member.ReturnType == typeof(void);
        var lambda = isVoid ? typeof(Action<>) : typeof(Func<,>);
        var method = mock.GetType().GetMethods().Single(m =>
            m.Name == name && m.GetParameters().Length == parameterCount && m.IsGenericMethodDefinition == !isVoid
            && (parameterCount == 1 || m.GetParameters()[1].ParameterType == typeof(Times))
            && m.GetParameters()[0].ParameterType.GetGenericArguments()[0].GetGenericTypeDefinition() == lambda);
        _ = facade;
        return isVoid ? method : method.MakeGenericMethod(member.ReturnType);
    }

    private static object?[] DefaultArguments(MethodInfo member) =>
        member.GetParameters().Select(p =>
        {
            var type = p.ParameterType.IsByRef ? p.ParameterType.GetElementType()! : p.ParameterType;
            return type.IsValueType ? Activator.CreateInstance(type) : null;
        }).ToArray();

    /// <summary>Moq reads an out argument's value from a field of a closure, as it would from a captured local.</summary>
    private sealed class OutHolder<T>
    {
        public T? Value = default;
    }
}

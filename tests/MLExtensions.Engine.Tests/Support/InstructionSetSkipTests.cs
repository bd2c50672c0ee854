using Xunit.Abstractions;
using Xunit.Sdk;

namespace MLExtensions.Engine.Tests.Support;

/// <summary>
/// The kernel tests' skip attributes, put through xunit's own discovery on a pretend CPU: what it reports as skipped
/// here, it reports as skipped on a real CPU without the instruction set.
/// </summary>
public class InstructionSetSkipTests
{
    // Abstract, so xunit does not run these as tests of this assembly; the tests below discover them by hand.
    public abstract class Samples
    {
        [InstructionSetFact("Avx512", "Avx2", PretendCpuHas = new[] { "Avx2", "Portable" })]
        public void NeedsAvx512AndAvx2OnACpuWithoutAvx512()
        {
        }

        [InstructionSetFact("Avx512", "Avx2", PretendCpuHas = new[] { "Avx512", "Avx2" })]
        public void NeedsAvx512AndAvx2OnACpuWithBoth()
        {
        }

        [Theory]
        [InstructionSetData("Avx512", PretendCpuHas = new[] { "Avx2" })]
        [InstructionSetData("Avx2", PretendCpuHas = new[] { "Avx2" })]
        public void OneRowPerFamily(string family) => Assert.NotEmpty(family);
    }

    private sealed class DefaultOptions : ITestFrameworkDiscoveryOptions
    {
        public TValue GetValue<TValue>(string name) => default!;

        public void SetValue<TValue>(string name, TValue value)
        {
        }
    }

    private static List<IXunitTestCase> Discover(string methodName)
    {
        var method = new ReflectionMethodInfo(typeof(Samples).GetMethod(methodName)!);
        var assembly = new TestAssembly(new ReflectionAssemblyInfo(typeof(Samples).Assembly));
        var testClass = new TestClass(new TestCollection(assembly, null, "samples"), new ReflectionTypeInfo(typeof(Samples)));
        var testMethod = new TestMethod(testClass, method);
        var theory = method.GetCustomAttributes(typeof(TheoryAttribute)).SingleOrDefault();
        IXunitTestCaseDiscoverer discoverer = theory is null ? new FactDiscoverer(new NullMessageSink()) : new TheoryDiscoverer(new NullMessageSink());
        var fact = theory ?? method.GetCustomAttributes(typeof(FactAttribute)).Single();
        return discoverer.Discover(new DefaultOptions(), testMethod, fact).ToList();
    }

    [Fact]
    public void AFactNeedingAFamilyTheCpuLacksIsReportedSkippedNamingIt()
    {
        var testCase = Assert.Single(Discover(nameof(Samples.NeedsAvx512AndAvx2OnACpuWithoutAvx512)));
        Assert.Equal("This CPU lacks Avx512.", testCase.SkipReason);
    }

    [Fact]
    public void AFactWhoseFamiliesTheCpuHasRuns()
    {
        var testCase = Assert.Single(Discover(nameof(Samples.NeedsAvx512AndAvx2OnACpuWithBoth)));
        Assert.Null(testCase.SkipReason);
    }

    [Fact]
    public void ARowOfAFamilyTheCpuLacksIsReportedSkippedWhileTheOtherRowRuns()
    {
        var rows = Discover(nameof(Samples.OneRowPerFamily));
        Assert.Equal(2, rows.Count);
        Assert.Equal("This CPU lacks Avx512.", rows.Single(r => r.DisplayName.Contains("Avx512")).SkipReason);
        Assert.Null(rows.Single(r => r.DisplayName.Contains("Avx2")).SkipReason);
    }

    [Fact]
    public void AnUnknownFamilyIsRefusedNamingTheKnownOnes()
    {
        var error = Assert.Throws<ArgumentException>(() => new InstructionSetFactAttribute("Sse5"));
        Assert.Contains("'Sse5'", error.Message);
        Assert.Contains("Avx512, Avx2, Fma, Portable or Unfused", error.Message);
    }
}

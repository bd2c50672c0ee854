namespace MLExtensions.Distributed;

/// <summary>A registered <see cref="SearchDefinition{TOptions}"/> as a silo runs it, whatever its options type.</summary>
internal interface ISearchDefinition
{
    string Name { get; }

    string Description { get; }

    /// <summary>One trial with the values the codes stand for, scored by <paramref name="objective"/> (built on the silo's data).</summary>
    SearchTrial RunTrial(int number, int round, double[] codes, SearchObjective objective, CancellationToken cancellationToken);
}

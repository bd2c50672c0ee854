using MLExtensions.Engine.Randomness;

namespace MLExtensions.Engine.Training;

/// <summary>
/// How the rows of each class are shared among the parts of a stratified split: the one rule behind the engine's
/// validation hold-out (<see cref="HoldOut"/>) and the ML.NET adapter's stratified train/test and
/// train/validation/test splits, so a validation fraction of 0.1 and a test split of 0.1 hold out the same number of
/// rows of every class.
/// <para>
/// The rule, for <c>N</c> rows, class sizes <c>n_c</c> and part fractions <c>f_j</c>:
/// <list type="number">
/// <item>Part totals: <c>N·f_j</c> rounded by largest remainder (equal remainders go to the part earlier in
/// priority), so every total is within one row of its fraction and they add up to <c>N</c>. Then every part gets at
/// least one row while there are rows for it, in priority order, from the part furthest above its exact share.</item>
/// <item>Class counts in every part but the first in priority (parts in priority order): the exact share
/// <c>n_c·T_j/N</c> of the part's total <c>T_j</c>, rounded by largest remainder across the classes (equal
/// remainders go to the lower class index), so each class is within one row of its exact share and the counts add
/// up to the part's total.</item>
/// <item>Every class keeps at least one row in the first part: a class with no row to spare passes its turn to the
/// class with the next-largest remainder (then to the others, by index, as often as needed), so a part falls short
/// of its total only when no class has a row to spare.</item>
/// <item>The first part takes the rest of every class.</item>
/// </list>
/// Classes of 70, 25 and 5 rows at 0.8/0.2 give the test part 14, 5 and 1 rows; classes of 5, 5 and 10 rows at
/// 0.9/0.1 give it 2 rows, one of the third class (exact share 1) and one of the first (exact share 0.5, tied with
/// the second: the lower index wins).
/// </para>
/// </summary>
internal static class StratifiedAllocation
{
    // Products like 70 * 0.2 = 14.000000000000002 must not round as if a row's worth were at stake.
    private const double Tolerance = 1e-9;

    /// <summary>
    /// The number of rows of each class in each part: <c>counts[c][j]</c>, which add up to
    /// <c>classSizes[c]</c> over the parts.
    /// </summary>
    /// <param name="classSizes">The rows of each class; a class of 0 rows gets none.</param>
    /// <param name="fractions">Each part's share of the rows, each in (0, 1], adding up to 1.</param>
    /// <param name="priority">
    /// Every part index once, in order of precedence: the first keeps a row of every class and takes what the others
    /// leave; earlier parts win equal remainders and are the first to get a row when there are few.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// There are no parts, the fractions do not add up to 1, or <paramref name="priority"/> does not name every part once.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A class size is negative, a fraction is outside (0, 1], or the classes hold more rows than an array indexes.</exception>
    public static int[][] Allocate(IReadOnlyList<int> classSizes, IReadOnlyList<double> fractions, IReadOnlyList<int> priority)
    {
        ArgumentNullException.ThrowIfNull(classSizes);
        int[] rank = CheckParts(fractions, priority);
        long rows = 0;
        for (int c = 0; c < classSizes.Count; c++)
        {
            if (classSizes[c] < 0)
                throw new ArgumentOutOfRangeException(nameof(classSizes), classSizes[c], $"Class {c} has a negative size.");
            rows += classSizes[c];
        }
        if (rows > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(classSizes), rows, "The classes hold more rows than an array can index.");

        int parts = fractions.Count;
        var totals = PartTotals((int)rows, fractions, priority, rank);
        var counts = new int[classSizes.Count][];
        var spare = new int[classSizes.Count];
        for (int c = 0; c < classSizes.Count; c++)
        {
            counts[c] = new int[parts];
            spare[c] = Math.Max(classSizes[c] - 1, 0);
        }
        for (int r = 1; r < parts; r++)
            FillPart(priority[r], totals[priority[r]], classSizes, rows, counts, spare);
        int first = priority[0];
        for (int c = 0; c < classSizes.Count; c++)
            counts[c][first] = classSizes[c] - counts[c].Sum();
        return counts;
    }

    /// <summary>
    /// The part of every row: the rows of each class, classes in ascending index, are shuffled by
    /// <paramref name="random"/> and dealt in part order (the first <c>counts[c][0]</c> to part 0, the next to part 1,
    /// …) with the counts of <see cref="Allocate"/>. Deterministic for the generator's seed.
    /// </summary>
    /// <param name="classOfRow">
    /// The class index of every row. Equal remainders go to the lower index, so number classes by first appearance
    /// (as both the hold-out and the adapter's splits do) for the outcome not to depend on how labels are encoded.
    /// </param>
    /// <param name="fractions">Each part's share of the rows, as for <see cref="Allocate"/>.</param>
    /// <param name="priority">Every part index once, in order of precedence, as for <see cref="Allocate"/>.</param>
    /// <param name="random">Shuffles the rows of each class; it advances, so the same seed gives the same parts.</param>
    /// <returns>The part index of every row.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// There are no parts, the fractions do not add up to 1, or <paramref name="priority"/> does not name every part once.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A class index is negative, or a fraction is outside (0, 1].</exception>
    public static int[] Assign(IReadOnlyList<int> classOfRow, IReadOnlyList<double> fractions, IReadOnlyList<int> priority,
        RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(classOfRow);
        ArgumentNullException.ThrowIfNull(random);
        var classes = RowsByClass(classOfRow);
        var counts = Allocate(classes.Select(rows => rows.Length).ToArray(), fractions, priority);
        var partOfRow = new int[classOfRow.Count];
        for (int c = 0; c < classes.Length; c++)
        {
            var rows = classes[c];
            if (rows.Length == 0)
                continue;
            random.Shuffle(rows.AsSpan());
            int next = 0;
            for (int part = 0; part < counts[c].Length; part++)
                for (int k = 0; k < counts[c][part]; k++)
                    partOfRow[rows[next++]] = part;
        }
        return partOfRow;
    }

    private static int[] CheckParts(IReadOnlyList<double> fractions, IReadOnlyList<int> priority)
    {
        ArgumentNullException.ThrowIfNull(fractions);
        ArgumentNullException.ThrowIfNull(priority);
        if (fractions.Count == 0)
            throw new ArgumentException("A split needs at least one part.", nameof(fractions));
        double sum = 0;
        for (int j = 0; j < fractions.Count; j++)
        {
            // A part of fraction 0 would still get a row (every part gets one while rows last): it is refused instead.
            if (!(fractions[j] > 0 && fractions[j] <= 1))
                throw new ArgumentOutOfRangeException(nameof(fractions), fractions[j], $"The fraction of part {j} must be in (0, 1].");
            sum += fractions[j];
        }
        if (Math.Abs(sum - 1) > 1e-6)
            throw new ArgumentException($"The part fractions add up to {sum}; they must add up to 1.", nameof(fractions));
        if (priority.Count != fractions.Count || priority.Any(j => j < 0 || j >= fractions.Count) || priority.Distinct().Count() != priority.Count)
            throw new ArgumentException($"The priority must name every one of the {fractions.Count} parts once.", nameof(priority));
        var rank = new int[fractions.Count];
        for (int r = 0; r < priority.Count; r++)
            rank[priority[r]] = r;
        return rank;
    }

    /// <summary>Step 1 of the rule: largest remainder over all rows, then at least one row per part while rows last.</summary>
    private static int[] PartTotals(int rows, IReadOnlyList<double> fractions, IReadOnlyList<int> priority, int[] rank)
    {
        int parts = fractions.Count;
        var quotas = new double[parts];
        var totals = new int[parts];
        int given = 0;
        for (int j = 0; j < parts; j++)
        {
            quotas[j] = rows * fractions[j];
            totals[j] = (int)Math.Floor(quotas[j] + Tolerance);
            given += totals[j];
        }
        // The tolerance could round a quota up past what the rows allow when fractions are given imprecisely.
        while (given > rows)
        {
            int over = Enumerable.Range(0, parts).Where(j => totals[j] > 0).MaxBy(j => totals[j] - quotas[j]);
            totals[over]--;
            given--;
        }
        var byRemainder = Enumerable.Range(0, parts)
            .OrderByDescending(j => Math.Round(quotas[j] - totals[j], 9))
            .ThenBy(j => rank[j])
            .ToArray();
        for (int k = 0; given < rows; k = (k + 1) % parts)
        {
            totals[byRemainder[k]]++;
            given++;
        }

        int needed = Math.Min(rows, parts);
        for (int r = 0; r < needed; r++)
        {
            int part = priority[r];
            if (totals[part] > 0)
                continue;
            int donor = Donor(totals, quotas, rank, needed);
            totals[donor]--;
            totals[part]++;
        }
        return totals;
    }

    /// <summary>
    /// The part that can best spare a row: one keeping at least one row if it is among the <paramref name="needed"/>
    /// first in priority, the furthest above its quota, the latest in priority on a tie.
    /// </summary>
    private static int Donor(int[] totals, double[] quotas, int[] rank, int needed)
    {
        int best = -1;
        for (int j = 0; j < totals.Length; j++)
        {
            int keep = rank[j] < needed ? 1 : 0;
            if (totals[j] <= keep)
                continue;
            if (best < 0)
            {
                best = j;
                continue;
            }
            double excess = totals[j] - quotas[j], bestExcess = totals[best] - quotas[best];
            if (excess > bestExcess + Tolerance || (Math.Abs(excess - bestExcess) <= Tolerance && rank[j] > rank[best]))
                best = j;
        }
        return best >= 0 ? best : throw new InvalidOperationException("No part can spare a row; this is a bug in StratifiedAllocation.");
    }

    /// <summary>
    /// Steps 2 and 3 for one part: each class's exact share <c>n_c·total/rows</c> (in integers, so equal remainders are
    /// exactly equal), floors first, then one more row for the largest remainders until the total is reached.
    /// </summary>
    private static void FillPart(int part, int total, IReadOnlyList<int> classSizes, long rows, int[][] counts, int[] spare)
    {
        if (total == 0)
            return;
        int classes = classSizes.Count;
        var remainders = new long[classes];
        int given = 0;
        for (int c = 0; c < classes; c++)
        {
            long share = (long)classSizes[c] * total;
            int floor = (int)(share / rows);
            remainders[c] = share % rows;
            if (floor > spare[c])
            {
                floor = spare[c];
                remainders[c] = 0; // capped: no row beyond what the class can spare
            }
            counts[c][part] = floor;
            spare[c] -= floor;
            given += floor;
        }
        // Largest remainders first, then the other classes by index: a class with no row to spare passes its turn to
        // the next, and passes repeat while a class still has a row to spare, so a part falls short of its total only
        // when no class can give it another row.
        var order = Enumerable.Range(0, classes)
            .OrderByDescending(c => remainders[c])
            .ThenBy(c => c)
            .ToArray();
        bool gave = true;
        while (given < total && gave)
        {
            gave = false;
            foreach (int c in order)
            {
                if (given >= total)
                    break;
                if (spare[c] == 0)
                    continue;
                counts[c][part]++;
                spare[c]--;
                given++;
                gave = true;
            }
        }
    }

    private static int[][] RowsByClass(IReadOnlyList<int> classOfRow)
    {
        int classes = 0;
        for (int row = 0; row < classOfRow.Count; row++)
        {
            if (classOfRow[row] < 0)
                throw new ArgumentOutOfRangeException(nameof(classOfRow), classOfRow[row], $"Row {row} has a negative class index.");
            classes = Math.Max(classes, classOfRow[row] + 1);
        }
        var sizes = new int[classes];
        for (int row = 0; row < classOfRow.Count; row++)
            sizes[classOfRow[row]]++;
        var groups = sizes.Select(size => new int[size]).ToArray();
        var filled = new int[classes];
        for (int row = 0; row < classOfRow.Count; row++)
            groups[classOfRow[row]][filled[classOfRow[row]]++] = row;
        return groups;
    }
}

using System.Globalization;
using System.Text;

namespace MLExtensions.Engine.Text;

/// <summary>
/// Plain-text tables for ToString of the network summary and the adapter's reports: columns padded to their widest cell
/// so they line up in a console or log; numbers (thousands separators allowed) right-aligned, text left-aligned, always
/// with the invariant culture so logs compare across machines.
/// </summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly List<string[]> _rows = new();

    public TextTable(params string[] headers) => _headers = headers;

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
            throw new ArgumentException($"A row needs {_headers.Length} cells; it has {cells.Length}.", nameof(cells));
        _rows.Add(cells);
    }

    public static string Number(double value, string format = "0.0000") =>
        double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);

    public static string Integer(long value) => value.ToString(CultureInfo.InvariantCulture);

    public void AppendTo(StringBuilder text, string indent = "")
    {
        var widths = new int[_headers.Length];
        for (int c = 0; c < widths.Length; c++)
            widths[c] = Math.Max(_headers[c].Length, _rows.Count == 0 ? 0 : _rows.Max(r => r[c].Length));
        AppendRow(text, indent, _headers, widths, header: true);
        text.Append(indent).AppendLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows)
            AppendRow(text, indent, row, widths, header: false);
    }

    private static void AppendRow(StringBuilder text, string indent, string[] cells, int[] widths, bool header)
    {
        text.Append(indent);
        for (int c = 0; c < cells.Length; c++)
        {
            if (c > 0)
                text.Append("  ");
            bool right = !header && c > 0 && LooksNumeric(cells[c]);
            text.Append(right ? cells[c].PadLeft(widths[c]) : cells[c].PadRight(widths[c]));
        }
        TrimEnd(text);
        text.AppendLine();
    }

    private static bool LooksNumeric(string cell) =>
        cell == "n/a" || double.TryParse(cell.Replace("±", "", StringComparison.Ordinal).Split(' ')[0], NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out _);

    private static void TrimEnd(StringBuilder text)
    {
        while (text.Length > 0 && text[^1] == ' ')
            text.Length--;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        AppendTo(text);
        return text.ToString();
    }
}

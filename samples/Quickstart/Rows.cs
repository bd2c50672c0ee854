using Microsoft.ML;

namespace Quickstart;

internal static class Rows
{
    public static long Count(IDataView view)
    {
        if (view.GetRowCount() is long known)
            return known;
        long count = 0;
        using var cursor = view.GetRowCursor(Array.Empty<DataViewSchema.Column>());
        while (cursor.MoveNext())
            count++;
        return count;
    }
}

using Microsoft.ML;
using Microsoft.ML.Data;

namespace MLExtensions.Distributed.Tests.Data;

public class ClusterDataSourceTests
{
    [Fact]
    public void ATextSourceReadsWhatMLNetsTextLoaderReads()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mlext-source-{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, new[] { "label,x,y", "1,0.5,\"2.25\"", "0,-1,3" });
        try
        {
            var ml = new MLContext(seed: 0);
            var source = ClusterDataSource.Text(path, new[]
            {
                ClusterTextColumn.Scalar("Label", DataKind.Boolean, 0),
                ClusterTextColumn.Vector("Features", DataKind.Single, 1, 2),
            }, ',', hasHeader: true, allowQuoting: true);
            var expected = ml.Data.LoadFromTextFile(path, new[]
            {
                new TextLoader.Column("Label", DataKind.Boolean, 0),
                new TextLoader.Column("Features", DataKind.Single, 1, 2),
            }, ',', hasHeader: true, allowQuoting: true);

            var data = source.Load(ml);

            Assert.Equal(expected.Schema.Select(c => $"{c.Name}:{c.Type}"), data.Schema.Select(c => $"{c.Name}:{c.Type}"));
            Assert.Equal(new[] { true, false }, data.GetColumn<bool>("Label"));
            Assert.Equal(new[] { new[] { 0.5f, 2.25f }, new[] { -1f, 3f } }, data.GetColumn<float[]>("Features"));
            Assert.Equal($"text '{path}' [Label:Boolean:0, Features:Single:1-2] separator U+002C header quoting", source.ToString());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void BadSourcesAreRefusedByName()
    {
        Assert.Throws<ArgumentException>(() => ClusterDataSource.Binary(""));
        Assert.Throws<ArgumentException>(() => ClusterDataSource.Text("a.csv", Array.Empty<ClusterTextColumn>()));
        var duplicate = Assert.Throws<ArgumentException>(() => ClusterDataSource.Text("a.csv", new[]
        {
            ClusterTextColumn.Scalar("X", DataKind.Single, 0),
            ClusterTextColumn.Scalar("X", DataKind.Single, 1),
        }));
        Assert.Contains("'X'", duplicate.Message);
        var backwards = Assert.Throws<ArgumentOutOfRangeException>(() => ClusterTextColumn.Vector("Features", DataKind.Single, 3, 1));
        Assert.Contains("Features", backwards.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterTextColumn.Scalar("Label", DataKind.Single, -1));
        var missing = Assert.Throws<FileNotFoundException>(() => ClusterDataSource.Binary("/no/such/file.idv").Load(new MLContext()));
        Assert.Contains("/no/such/file.idv", missing.Message);
    }

    [Fact]
    public void BadRunOptionsAndObjectivesAreRefusedByName()
    {
        var data = ClusterDataSource.Binary("data.idv");
        var folds = Assert.Throws<ArgumentOutOfRangeException>(() => ClusterSearchObjective.CrossValidation(PredictionKind.BinaryClassification, data, numberOfFolds: 1));
        Assert.Equal("numberOfFolds", folds.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterSearchObjective.HoldOut((PredictionKind)42, data, data));
        var poll = Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterRunOptions { PollInterval = TimeSpan.Zero }.Check());
        Assert.Equal(nameof(ClusterRunOptions.PollInterval), poll.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClusterRunOptions { MaxAttemptsPerUnit = 0 }.Check());
        var objective = ClusterSearchObjective.CrossValidation(PredictionKind.Regression, data, numberOfFolds: 4);
        Assert.Equal("4-fold cross-validated RootMeanSquaredError", objective.Description);
        Assert.False(objective.Maximize);
    }
}

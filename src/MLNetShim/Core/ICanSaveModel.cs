namespace Microsoft.ML;

public interface ICanSaveModel
{
    void Save(ModelSaveContext ctx);
}

using System.Globalization;
using DistributedSearch;

// usage: DistributedSearch silo INDEX [--slots N]
//        DistributedSearch client --data PATH [--silos N] [--trials N] [--points-per-arm N]
string role = args.Length > 0 ? args[0] : "";
string Option(string name, string fallback)
{
    int at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : fallback;
}
int Number(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

switch (role)
{
    case "silo" when args.Length > 1:
        await SiloRole.RunAsync(int.Parse(args[1], CultureInfo.InvariantCulture), Number("--slots", 1));
        return 0;
    case "client":
        return await ClientRole.RunAsync(Option("--data", "spirals.idv"), Number("--silos", 2), Number("--trials", 32), Number("--points-per-arm", 500));
    default:
        Console.Error.WriteLine("usage: DistributedSearch silo INDEX [--slots N] | client --data PATH [--silos N] [--trials N] [--points-per-arm N]");
        return 2;
}

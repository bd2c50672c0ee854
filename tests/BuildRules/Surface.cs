namespace BuildRules;

/// <summary>A documented public type whose surface PublicAPI.Unshipped.txt records: the clean build passes.</summary>
public static class Surface
{
    /// <summary>The number one, to give the type a recorded member.</summary>
    public static int One => 1;

#if UNDOCUMENTED_MEMBER
    public static int Undocumented => 2;
#endif

#if STYLE_VIOLATION
    private static readonly int lowerCaseName = 4;

    internal static int Four => lowerCaseName;
#endif

#if UNRECORDED_MEMBER
    /// <summary>Documented, but absent from PublicAPI.Unshipped.txt.</summary>
    public static int Unrecorded => 3;
#endif
}

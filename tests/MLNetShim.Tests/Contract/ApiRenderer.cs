using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace MLNetShim.Tests.Contract;

/// <summary>Renders reflected types and members in the listing's textual format.</summary>
public static class ApiRenderer
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void", [typeof(object)] = "object", [typeof(string)] = "string", [typeof(bool)] = "bool",
        [typeof(byte)] = "byte", [typeof(sbyte)] = "sbyte", [typeof(short)] = "short", [typeof(ushort)] = "ushort",
        [typeof(int)] = "int", [typeof(uint)] = "uint", [typeof(long)] = "long", [typeof(ulong)] = "ulong",
        [typeof(float)] = "float", [typeof(double)] = "double", [typeof(decimal)] = "decimal", [typeof(char)] = "char",
    };

    public static string TypeName(Type type)
    {
        if (type.IsByRef)
            return TypeName(type.GetElementType()!);
        if (type.IsArray)
            return TypeName(type.GetElementType()!) + "[" + new string(',', type.GetArrayRank() - 1) + "]";
        if (type.IsPointer)
            return TypeName(type.GetElementType()!) + "*";
        if (type.IsGenericParameter)
            return type.Name;
        if (Keywords.TryGetValue(type, out var keyword))
            return keyword;

        var args = type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        string prefix = "";
        int ownArgsStart = 0;
        if (type.IsNested && type.DeclaringType is { } declaring)
        {
            int outerCount = declaring.IsGenericType ? declaring.GetGenericArguments().Length : 0;
            var outer = outerCount > 0 && !type.IsGenericTypeDefinition
                ? declaring.MakeGenericType(args[..outerCount])
                : declaring;
            prefix = TypeName(outer) + ".";
            ownArgsStart = outerCount;
        }
        var name = StripArity(type.Name);
        var own = args[ownArgsStart..];
        return own.Length == 0 ? prefix + name : $"{prefix}{name}<{string.Join(", ", own.Select(TypeName))}>";
    }

    /// <summary>Namespace-qualified name with generic parameters, e.g. Microsoft.ML.Data.VBuffer&lt;T&gt;.</summary>
    public static string FullName(Type type) => string.IsNullOrEmpty(type.Namespace) ? TypeName(type) : $"{type.Namespace}.{TypeName(type)}";

    public static string Kind(Type type)
    {
        if (type.IsInterface) return "interface";
        if (type.IsEnum) return "enum";
        if (type.IsValueType) return type.IsByRefLike ? "ref struct" : "struct";
        if (type.IsAbstract && type.IsSealed) return "static class";
        if (type.IsSealed) return "sealed class";
        if (type.IsAbstract) return "abstract class";
        return "class";
    }

    /// <summary>
    /// Declared bases as the listing shows them: the base class (unless object/ValueType/Enum) and the
    /// interfaces not already implied by the base class or by another listed interface.
    /// </summary>
    public static IReadOnlyList<string> BaseTypes(Type type)
    {
        var result = new List<string>();
        var baseType = type.BaseType;
        if (baseType != null && baseType != typeof(object) && baseType != typeof(ValueType) && baseType != typeof(Enum))
            result.Add(TypeName(baseType));
        var interfaces = type.GetInterfaces();
        var inherited = new HashSet<Type>(baseType?.GetInterfaces() ?? Type.EmptyTypes);
        foreach (var i in interfaces)
        {
            if (inherited.Contains(i) || interfaces.Any(other => other != i && other.GetInterfaces().Contains(i)))
                continue;
            result.Add(TypeName(i));
        }
        return result;
    }

    public static bool IsVisible(MethodBase? method)
        => method != null && (method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly);

    public static string Visibility(MethodBase method)
        => method.IsPublic ? "public" : method.IsFamilyOrAssembly ? "protected internal" : method.IsFamily ? "protected" : "internal";

    /// <summary>Public/protected members declared by the type, each as (visibility, signature without visibility).</summary>
    public static IEnumerable<(string Visibility, string Signature, MemberInfo Member)> Members(Type type)
    {
        const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        foreach (var member in type.GetMembers(all))
        {
            switch (member)
            {
                case ConstructorInfo ctor when !ctor.IsStatic && IsVisible(ctor):
                    yield return (Visibility(ctor), $"{StripArity(type.Name)}({Parameters(ctor)})", member);
                    break;
                case MethodInfo method when IsVisible(method) && (!method.IsSpecialName || method.Name.StartsWith("op_", StringComparison.Ordinal)):
                    yield return (Visibility(method), Method(method), member);
                    break;
                case PropertyInfo property when Accessors(property).Any(IsVisible):
                    yield return (Visibility(Accessors(property).First(IsVisible)), Property(property), member);
                    break;
                case FieldInfo field when (field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly) && !type.IsEnum:
                    yield return (field.IsPublic ? "public" : "protected", Field(field), member);
                    break;
                case EventInfo ev when IsVisible(ev.AddMethod):
                    yield return (Visibility(ev.AddMethod!), $"event {TypeName(ev.EventHandlerType!)} {ev.Name}", member);
                    break;
            }
        }
    }

    public static IEnumerable<string> EnumMembers(Type type)
        => type.GetFields(BindingFlags.Public | BindingFlags.Static).OrderBy(f => f.MetadataToken).Select(f => f.Name);

    private static IEnumerable<MethodInfo> Accessors(PropertyInfo property)
        => new[] { property.GetMethod, property.SetMethod }.Where(m => m != null)!;

    private static string Modifiers(MethodInfo method)
    {
        var text = method.IsStatic ? "static " : "";
        if (method.IsAbstract)
            return text + "abstract ";
        if (method.IsVirtual && !method.IsFinal)
            return text + (method.GetBaseDefinition().DeclaringType != method.DeclaringType ? "override " : "virtual ");
        if (method.IsVirtual && method.GetBaseDefinition().DeclaringType != method.DeclaringType)
            return text + "sealed override ";
        return text;
    }

    private static string Method(MethodInfo method)
    {
        var generics = method.IsGenericMethodDefinition ? $"<{string.Join(", ", method.GetGenericArguments().Select(TypeName))}>" : "";
        return $"{Modifiers(method)}{TypeName(method.ReturnType)} {method.Name}{generics}({Parameters(method)})";
    }

    private static string Property(PropertyInfo property)
    {
        var accessors = Accessors(property).Where(IsVisible).ToArray();
        var index = property.GetIndexParameters();
        var name = index.Length == 0 ? property.Name : $"this[{string.Join(", ", index.Select(Parameter))}]";
        var body = string.Join(" ", accessors.Select(a => a == property.GetMethod ? "get;" : "set;"));
        return $"{Modifiers(accessors[0])}{TypeName(property.PropertyType)} {name} {{ {body} }}";
    }

    private static string Field(FieldInfo field)
    {
        var modifiers = field.IsLiteral ? "const " : (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "");
        return $"{modifiers}{TypeName(field.FieldType)} {field.Name}";
    }

    private static string Parameters(MethodBase method) => string.Join(", ", method.GetParameters().Select(Parameter));

    private static string Parameter(ParameterInfo parameter)
    {
        var prefix = "";
        if (parameter.ParameterType.IsByRef)
            prefix = parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ";
        else if (parameter.IsDefined(typeof(ParamArrayAttribute)))
            prefix = "params ";
        var text = $"{prefix}{TypeName(parameter.ParameterType)} {parameter.Name}";
        return parameter.HasDefaultValue ? $"{text} = {DefaultValue(parameter)}" : text;
    }

    private static string DefaultValue(ParameterInfo parameter)
    {
        var value = parameter.DefaultValue;
        if (value is null)
            return "null";
        var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
        if (type.IsEnum && !value.GetType().IsEnum)
            value = Enum.ToObject(type, value);
        return value switch
        {
            bool b => b ? "True" : "False",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "null",
        };
    }

    private static string StripArity(string name)
    {
        int tick = name.IndexOf('`');
        return tick < 0 ? name : name[..tick];
    }

    /// <summary>Types a shim exposes: public top-level types and public types nested in them.</summary>
    public static IEnumerable<Type> PublicTypes(IEnumerable<Type> types)
        => types.Where(t => t.IsPublic || (t.IsNestedPublic && IsPublicChain(t.DeclaringType!)));

    private static bool IsPublicChain(Type type)
        => type.IsPublic || (type.IsNestedPublic && IsPublicChain(type.DeclaringType!));

    internal static bool IsCompilerGenerated(MemberInfo member) => member.IsDefined(typeof(CompilerGeneratedAttribute));
}

using System.Collections.Generic;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Emitting;

/// <summary>
/// Names the formatter methods of a store's nested types: one pair per type, however many tables use it, named
/// after the type and numbered when two types share a name. The store file emits them; each table's file calls them.
/// </summary>
internal static class FormatterNames
{
    /// <summary>Every nested type of <paramref name="tables"/> (in table order, first use first) with its formatter name.</summary>
    public static List<FormatterNameModel> Assign(EquatableArray<TableModel> tables)
    {
        List<FormatterNameModel> assigned = new();
        HashSet<string> types = new(System.StringComparer.Ordinal);
        HashSet<string> taken = new(System.StringComparer.Ordinal);
        foreach (TableModel table in tables)
        {
            foreach (ObjectTypeModel type in table.ObjectTypes)
            {
                if (!types.Add(type.TypeName))
                {
                    continue;
                }

                string name = type.FormatterName;
                for (int i = 2; !taken.Add(name); i++)
                {
                    name = type.FormatterName + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }

                assigned.Add(new FormatterNameModel(type.TypeName, name));
            }
        }

        return assigned;
    }

    /// <summary>The formatter names <paramref name="table"/>'s codec calls, out of the store's <paramref name="all"/>.</summary>
    public static EquatableArray<FormatterNameModel> For(TableModel table, List<FormatterNameModel> all)
    {
        List<FormatterNameModel> used = new(table.ObjectTypes.Count);
        foreach (ObjectTypeModel type in table.ObjectTypes)
        {
            used.Add(all.Find(formatter => formatter.TypeName == type.TypeName));
        }

        return new EquatableArray<FormatterNameModel>(used.ToArray());
    }

    /// <summary>Type name → formatter name, as <see cref="ValueCodeEmitter"/> looks them up.</summary>
    public static Dictionary<string, string> ToDictionary(IEnumerable<FormatterNameModel> formatters)
    {
        Dictionary<string, string> names = new(System.StringComparer.Ordinal);
        foreach (FormatterNameModel formatter in formatters)
        {
            names[formatter.TypeName] = formatter.Name;
        }

        return names;
    }
}

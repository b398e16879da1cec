using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using TypedStore.Generators.Diagnostics;
using TypedStore.Generators.Emitting;
using TypedStore.Generators.Model;

namespace TypedStore.Generators.Parsing;

/// <summary>Resolves a store's tables (explicit, or every valid table of the compilation) and checks them as a set.</summary>
internal static class StoreAssembler
{
    // Members the generated store, batch and snapshot declare or inherit: a table property cannot take these names
    // (a clash is a compile error in the generated code, or a warning that hides an inherited member).
    private static readonly HashSet<string> s_reservedPropertyNames = new(System.StringComparer.Ordinal)
    {
        "Open", "OpenInMemory", "CreateBatch", "CreateSnapshot", "Dispose", "Commit", "ValueFormatters",
        "Checkpoint", "Backup", "Restore", "ListBackups", "Flush", "Compact", "GetStatistics", "TrimChanges", "RemovedTables",
        "DropTable", "BackgroundErrorCount",
        "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "ReferenceEquals",
    };

    // Each table also adds nested types named after its property to the store: {Property}Table (the table bound to a
    // context), {Property}Key and {Property}Codec; a ChangeFeed table also {Property}Change and the method
    // Map{Property}Changes. Another table's property must not take one of these names.
    private static readonly string[] s_nestedTypeSuffixes = ["Table", "Key", "Codec"];

    /// <summary>The pipeline step combining one store with the compilation's tables.</summary>
    public static StoreSpec Assemble((StoreParseResult Store, ImmutableArray<TableModel> AllTables) input, CancellationToken cancellationToken)
    {
        StoreParseResult parsed = input.Store;

        // Only the rules about the store's set of tables are reported here; the store's own declaration rules
        // (parsed.Diagnostics) are reported by DeclarationAnalyzer, which can offer code fixes for them.
        List<DiagnosticInfo> diagnostics = new();
        if (parsed.Store is not { } store)
        {
            return new StoreSpec(null, EquatableArray<TableModel>.Empty, new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
        }

        List<TableModel> candidates = store.IncludesAllTables ? new List<TableModel>(input.AllTables) : new List<TableModel>(store.ExplicitTables);

        // Column families are opened in this order: make it independent of file and declaration order.
        candidates.Sort(static (a, b) => string.CompareOrdinal(a.TableName, b.TableName));

        List<TableModel> tables = new(candidates.Count);
        Dictionary<string, TableModel> byTableName = new(System.StringComparer.Ordinal);
        Dictionary<string, TableModel> byPropertyName = new(System.StringComparer.Ordinal);
        string storeDisplay = store.FullName.Replace("global::", string.Empty);
        foreach (TableModel table in candidates)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (byTableName.TryGetValue(table.TableName, out TableModel? first))
            {
                if (first.TypeName != table.TypeName)
                {
                    diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTableName, parsed.Location, storeDisplay, $"name '{table.TableName}'", Display(first), Display(table)));
                }

                continue;
            }

            if (byPropertyName.TryGetValue(table.PropertyName, out TableModel? clash))
            {
                diagnostics.Add(DiagnosticInfo.Create(DiagnosticDescriptors.DuplicateTableName, parsed.Location, storeDisplay, $"property name '{table.PropertyName}' (tables '{clash.TableName}' and '{table.TableName}')", Display(clash), Display(table)));
                continue;
            }

            if (s_reservedPropertyNames.Contains(table.PropertyName) || IsStoreTypeName(table.PropertyName, store.ClassName))
            {
                diagnostics.Add(DiagnosticInfo.Create(
                    DiagnosticDescriptors.InvalidTableName,
                    parsed.Location,
                    table.TableName,
                    Display(table),
                    $"its property name '{table.PropertyName}' clashes with a member the generator adds to store '{storeDisplay}'"));
                continue;
            }

            byTableName.Add(table.TableName, table);
            byPropertyName.Add(table.PropertyName, table);
            tables.Add(table);
        }

        RemoveTablesNamedLikeNestedTypes(tables, parsed.Location, storeDisplay, diagnostics);
        StoreMemberRule.Check(parsed.DeclaredMembers, tables, storeDisplay, diagnostics);
        return new StoreSpec(store, new EquatableArray<TableModel>(tables.ToArray()), new EquatableArray<DiagnosticInfo>(diagnostics.ToArray()));
    }

    /// <summary>
    /// The pipeline step splitting a store into its tables' files: each holds the table, the store's names and the
    /// formatter names the table's codec calls (assigned store-wide, so two tables share one nested type's formatter).
    /// </summary>
    public static ImmutableArray<TableFileSpec> SplitTables(StoreSpec spec, CancellationToken cancellationToken)
    {
        if (spec.Store is not { } store || spec.Tables.Count == 0)
        {
            return ImmutableArray<TableFileSpec>.Empty;
        }

        StoreTypeModel type = store.Type;
        List<FormatterNameModel> formatters = FormatterNames.Assign(spec.Tables);
        ImmutableArray<TableFileSpec>.Builder files = ImmutableArray.CreateBuilder<TableFileSpec>(spec.Tables.Count);
        foreach (TableModel table in spec.Tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            files.Add(new TableFileSpec(type, table, FormatterNames.For(table, formatters)));
        }

        return files.MoveToImmutable();
    }

    /// <summary>The store class, or the batch or snapshot class generated beside it: a member cannot be named like its enclosing type.</summary>
    private static bool IsStoreTypeName(string propertyName, string storeClassName)
        => propertyName == storeClassName || propertyName == storeClassName + "Batch" || propertyName == storeClassName + "Snapshot";

    /// <summary>Reports and removes tables whose property is named like a nested type generated for another table ("accounts_key" and "accounts").</summary>
    private static void RemoveTablesNamedLikeNestedTypes(List<TableModel> tables, LocationInfo? location, string storeDisplay, List<DiagnosticInfo> diagnostics)
    {
        Dictionary<string, TableModel> nestedTypeOwners = new(System.StringComparer.Ordinal);
        foreach (TableModel table in tables)
        {
            foreach (string suffix in s_nestedTypeSuffixes)
            {
                nestedTypeOwners[table.PropertyName + suffix] = table;
            }

            if (table.ChangeFeed)
            {
                nestedTypeOwners[table.PropertyName + "Change"] = table;
                nestedTypeOwners["Map" + table.PropertyName + "Changes"] = table;
            }
        }

        tables.RemoveAll(table =>
        {
            if (!nestedTypeOwners.TryGetValue(table.PropertyName, out TableModel? owner))
            {
                return false;
            }

            diagnostics.Add(DiagnosticInfo.Create(
                DiagnosticDescriptors.InvalidTableName,
                location,
                table.TableName,
                Display(table),
                $"its property name '{table.PropertyName}' clashes with the type the generator adds to store '{storeDisplay}' for table '{owner.TableName}'"));
            return true;
        });
    }

    private static string Display(TableModel table) => table.TypeName.Replace("global::", string.Empty);
}

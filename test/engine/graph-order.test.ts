import { actionsOf, type Action } from "../../engine/compiled-graph.js";
import { InputError } from "../../engine/errors.js";
import { dependencyOrder, selectActions } from "../../engine/graph-order.js";
import { assertion, graph, operation, ref, table, target } from "../support/compiled-graph.js";

// src → stg → dim → dim's uniqueKey assertion; other: independent; a declared source outside the graph.
const actions = actionsOf(
  graph({
    tables: [
      table("analytics", "dim", `SELECT * FROM ${ref("edfi_staging", "stg")}`, [target("edfi_staging", "stg")], { tags: ["amt"] }),
      table("edfi_staging", "stg", `SELECT * FROM ${ref("edfi_sources", "src")}`, [target("edfi_sources", "src"), target("edfi_sources", "declared")]),
      table("analytics", "other", "SELECT 1 AS x", [], { tags: ["amt", "misc"] }),
    ],
    operations: [operation("edfi_sources", "src", ["CREATE OR REPLACE VIEW src AS SELECT 1 AS x"])],
    assertions: [assertion("analytics_dim_assertions_uniqueKey_0", `SELECT * FROM ${ref("analytics", "dim")}`, [target("analytics", "dim")], target("analytics", "dim"))],
    declarations: [{ target: target("edfi_sources", "declared"), fileName: "definitions/sources/edfi_sources.js" }],
  }),
);
const names = (list: Action[]) => list.map((a) => a.name);
const none = { actions: [], tags: [], includeDeps: false };

describe("selecting actions", () => {
  test("dependencies on declarations are not actions", () => {
    expect(actions.find((a) => a.name === "edfi_staging.stg")?.dependencies).toEqual(["edfi_sources.src"]);
  });

  test("everything by default", () => {
    expect(selectActions(actions, none)).toHaveLength(5);
  });

  test("by name, schema.name or database.schema.name, with the dataset's built-in assertions", () => {
    for (const name of ["dim", "analytics.dim", "amt.analytics.dim"]) {
      expect(names(selectActions(actions, { ...none, actions: [name] }))).toEqual(["analytics.dim", "edfi_assertions.analytics_dim_assertions_uniqueKey_0"]);
    }
  });

  test("with their dependencies, transitively", () => {
    expect(names(selectActions(actions, { ...none, actions: ["dim"], includeDeps: true })).sort()).toEqual(
      ["analytics.dim", "edfi_assertions.analytics_dim_assertions_uniqueKey_0", "edfi_sources.src", "edfi_staging.stg"],
    );
  });

  test("by tag", () => {
    expect(names(selectActions(actions, { ...none, tags: ["misc"] }))).toEqual(["analytics.other"]);
  });

  test("an unknown name or tag is an input error naming it", () => {
    expect(() => selectActions(actions, { ...none, actions: ["nope"], tags: ["none"] })).toThrow(new InputError('No action named "nope"; No action tagged "none"'));
  });
});

describe("dependency order", () => {
  test("every action after its dependencies", () => {
    const order = names(dependencyOrder(actions));
    expect(order.indexOf("edfi_sources.src")).toBeLessThan(order.indexOf("edfi_staging.stg"));
    expect(order.indexOf("edfi_staging.stg")).toBeLessThan(order.indexOf("analytics.dim"));
    expect(order.indexOf("analytics.dim")).toBeLessThan(order.indexOf("edfi_assertions.analytics_dim_assertions_uniqueKey_0"));
  });

  test("a cycle is reported with its path", () => {
    const cyclic = actionsOf(graph({ tables: [table("s", "a", "SELECT 1", [target("s", "b")]), table("s", "b", "SELECT 1", [target("s", "a")])] }));
    expect(() => dependencyOrder(cyclic)).toThrow("Dependency cycle: s.a → s.b → s.a");
  });
});

// Which actions run, and in what order: selection by name or tag (optionally with dependencies), a
// topological order on the dependency edges.
import type { Action } from "./compiled-graph.js";
import { InputError } from "./errors.js";

export interface Selection {
  /** Action names: `name`, `schema.name` or `database.schema.name`. */
  actions: string[];
  tags: string[];
  includeDeps: boolean;
}

/**
 * The actions named or tagged (all when neither is given), plus their dependencies with `includeDeps`,
 * plus the built-in assertions of every selected dataset, as `dataform run --actions` does.
 * Unselected dependencies are expected to exist already in the database.
 */
export function selectActions(actions: Action[], selection: Selection): Action[] {
  if (selection.actions.length === 0 && selection.tags.length === 0) return actions;
  const names = (a: Action) => [a.target.name, a.name, `${a.target.database}.${a.name}`];
  const unknownNames = selection.actions.filter((wanted) => !actions.some((a) => names(a).includes(wanted)));
  const unknownTags = selection.tags.filter((tag) => !actions.some((a) => a.tags.includes(tag)));
  if (unknownNames.length + unknownTags.length > 0) {
    throw new InputError([...unknownNames.map((n) => `No action named "${n}"`), ...unknownTags.map((t) => `No action tagged "${t}"`)].join("; "));
  }
  const byName = new Map(actions.map((a) => [a.name, a]));
  const chosen = new Set(actions.filter((a) => names(a).some((n) => selection.actions.includes(n)) || a.tags.some((t) => selection.tags.includes(t))).map((a) => a.name));
  if (selection.includeDeps) {
    const pending = [...chosen];
    for (let name = pending.pop(); name !== undefined; name = pending.pop()) {
      for (const dependency of byName.get(name)?.dependencies ?? []) {
        if (!chosen.has(dependency)) pending.push(dependency), chosen.add(dependency);
      }
    }
  }
  return actions.filter((a) => chosen.has(a.name) || (a.kind === "assertion" && a.parent !== undefined && chosen.has(a.parent)));
}

/** Actions ordered so that each comes after its dependencies within the list (stable otherwise). */
export function dependencyOrder(actions: Action[]): Action[] {
  const byName = new Map(actions.map((a) => [a.name, a]));
  const state = new Map<string, "visiting" | "done">();
  const ordered: Action[] = [];
  const visit = (action: Action, path: string[]) => {
    if (state.get(action.name) === "done") return;
    if (state.get(action.name) === "visiting") throw new InputError(`Dependency cycle: ${[...path, action.name].join(" → ")}`);
    state.set(action.name, "visiting");
    for (const dependency of action.dependencies) {
      const next = byName.get(dependency);
      if (next) visit(next, [...path, action.name]);
    }
    state.set(action.name, "done");
    ordered.push(action);
  };
  for (const action of actions) visit(action, []);
  return ordered;
}

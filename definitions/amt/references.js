// Referential assertions of the AMT views (includes/amt_contract.js `references`): every non-NULL key
// of a bridge or dimension exists in the dimension it refers to.
// Views of a collection that is not built (contract `collection`) have none.
Object.entries(amt.views).forEach(([name, view]) => {
  if (view.collection && !amt.collectionEnabled(view.collection)) return;
  (view.references || []).forEach(([column, dimension, dimensionColumn]) => {
    assert(`${name}_${column}_in_${dimension}`)
      .tags(["amt"])
      .query(
        (ctx) => `SELECT v.${column} FROM ${ctx.ref(amt.ANALYTICS, name)} AS v
LEFT JOIN ${ctx.ref(amt.ANALYTICS, dimension)} AS d ON d.${dimensionColumn} = v.${column}
WHERE v.${column} IS NOT NULL AND d.${dimensionColumn} IS NULL`,
      );
  });
});

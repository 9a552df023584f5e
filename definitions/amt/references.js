// Referential assertions of the AMT views (includes/amt_contract.js `references`): every non-NULL key
// of a bridge or dimension exists in the dimension it refers to (views of a disabled collection are not built).
Object.entries(amt.views).filter(([name]) => amt.viewEnabled(name)).forEach(([name, view]) => {
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

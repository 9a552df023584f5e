// AMT-SPEC §4.3: the latest begun grading period per school; the max of yyyymmdd keys is the latest date.
publish("MostRecentGradingPeriod", amt.config("MostRecentGradingPeriod")).query((ctx) =>
  amt.shape(
    "MostRecentGradingPeriod",
    `SELECT SchoolKey, MAX(GradingPeriodBeginDateKey) AS GradingPeriodBeginDateKey
FROM ${ctx.ref(amt.ANALYTICS, "GradingPeriodDim")}
GROUP BY SchoolKey`,
  ),
);

// District letter-grade translation for EWS (AMT-SPEC §11.3): the numeric value of a grade that has only
// a letter. Edit this file, not SQL. Empty: the defaults of AMT-SPEC §12.3 (A 95, B 85, C 75, D 65,
// F 55). Any rows here REPLACE the whole table, so list every letter the district uses, e.g.
//   { LetterGrade: "A-", NumericGrade: 92 }
// Letters are matched upper-case and without trailing blanks; a letter not listed becomes 0.00 (as in
// AMT; analytics_config.ews_UntranslatedLetterGrade counts them, and npm run transform warns). NumericGrade is DECIMAL(9,2). A malformed or repeated row fails the compile. (A JS module rather
// than a CSV: the Dataform sandbox cannot read files.)
module.exports = [];

/**
 * The command line takes its language from NQ24_LANG, then LC_ALL, LC_MESSAGES, LANG. Tests
 * expect Vietnamese unless they ask otherwise, whatever the locale of the machine running
 * them (en_US.UTF-8 on many): every nq24 they start inherits this. Tests of the choice
 * itself pass an environment of their own.
 */
process.env.NQ24_LANG = "vi";

const dayjs = require("dayjs");
const ms = require("ms");

const started = dayjs();
console.log(`Started at ${started.format("HH:mm:ss")}; a rebuild budget of ${ms(2000, { long: true })}.`);

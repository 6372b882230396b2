// Placeholder: replaced by the embedded-database global setup.
export default async function setup() {}

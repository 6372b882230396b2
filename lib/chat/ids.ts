export * from "./kernel/ids"; // TEMPORARY shim

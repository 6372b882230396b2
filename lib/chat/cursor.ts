export * from "./kernel/cursor"; // TEMPORARY shim

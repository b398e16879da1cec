using TypedStore.CrashTarget;

// The child process of the crash-durability tests; see CrashWorkload.
return CrashWorkload.Run(args);

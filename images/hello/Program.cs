// The smallest Minnow image: an ordinary .NET program, unchanged.
Console.WriteLine("Hello from Minnow!");
Console.WriteLine($"args: {args.Length} [{string.Join(", ", args)}]");
return 0;

// The Linux side of the hello-world comparison: the same program Minnow boots as an image,
// published as a stock NativeAOT Linux executable and run as a process in the Linux guest.
Console.WriteLine("Hello from Minnow!");
return 0;

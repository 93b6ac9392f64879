using Calculator;
using Calculator.Native;

// Step 2 of the lesson's cffi example: call the C function through the generated binding.
var result = Core.my_add(10, 20);
Console.WriteLine($"The C function returned: {result}");

// The same call through the facade, the way application code takes it as a dependency.
var checkout = new Checkout(CoreNative.Instance);
Console.WriteLine($"Total of 5 + 7 + 30 through the facade: {checkout.Total(5, 7, 30)}");

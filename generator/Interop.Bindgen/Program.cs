using Interop.Bindgen;

return BindgenCommand.Create(Console.Out, Console.Error).Parse(args).Invoke();

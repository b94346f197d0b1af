"""factory_boy factories, one module per app. Import from the module of the app you need."""

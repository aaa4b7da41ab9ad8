// Shablon

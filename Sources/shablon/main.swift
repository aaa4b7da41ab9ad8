print("shablon")

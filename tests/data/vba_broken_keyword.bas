Attribute VB_Name = "BrokenKeyword"
' EXPECT: no viable alternative at input ' scale'
' Uses the reserved word Scale as a variable name (the VBA editor refuses it).
Option Explicit

' Doubles x.
' Example: =TWICE(2)
Public Function TWICE(ByVal x As Double) As Double
    Dim scale As Double
    scale = 2
    TWICE = x * scale
End Function

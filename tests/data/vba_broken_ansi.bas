Attribute VB_Name = "BrokenAnsi"
' EXPECT: non-ASCII byte
Option Explicit

' Returns a Japanese word written as a literal: garbled when imported on another code page.
' Example: =BEFORE_LABEL()
Public Function BEFORE_LABEL() As String
    BEFORE_LABEL = "事前"
End Function

Attribute VB_Name = "BrokenCc"
' EXPECT: #If block(s) not closed
Option Explicit

#If VBA7 Then
Private Declare PtrSafe Function GetTickCount Lib "kernel32" () As Long
#Else
Private Declare Function GetTickCount Lib "kernel32" () As Long

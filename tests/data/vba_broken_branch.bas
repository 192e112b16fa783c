Attribute VB_Name = "BrokenBranch"
' EXPECT: Office 2007 and older (VBA6)
' Only the pre-VBA7 branch is broken (a Declare without its return type): the check must
' parse every configuration, not just the one a 64-bit Office would compile.
Option Explicit

#If VBA7 Then
Private Declare PtrSafe Function GetTickCount Lib "kernel32" () As Long
#Else
Private Declare Function GetTickCount Lib "kernel32" () As
#End If

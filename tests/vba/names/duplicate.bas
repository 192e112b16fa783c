Attribute VB_Name = "Duplicate"
' Duplicate names: a module constant and a function of one name (case-insensitive), a Declare
' twice in one configuration, and one local declared twice.
Option Explicit

Private Const LIMIT As Long = 3
#If VBA7 Then
Private Declare PtrSafe Function c_one Lib "x.dll" Alias "one" () As Long
Private Declare PtrSafe Function c_one Lib "x.dll" Alias "one_again" () As Long
#Else
Private Declare Function c_one Lib "x.dll" Alias "one" () As Long
#End If

Private Function Limit() As Long
    Dim k As Long, total As Long
    Dim K As Long
    Limit = LIMIT + k + total
End Function
